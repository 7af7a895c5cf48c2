import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { normalizeCardNumber } from "../../../../modules/loyalty/lib/card-number"
import { ADMIN_ACCOUNT_FIELDS, withCardDisplay } from "../../../loyalty-views"
import { enrollCustomerWorkflow } from "../../../../workflows/loyalty/workflows/enroll-customer"
import type { AdminEnrollCustomerType, AdminListLoyaltyAccountsType } from "./validators"

const CUSTOMER_FIELDS = ["customer.id", "customer.email", "customer.first_name", "customer.last_name"]

/** Customers whose first name, last name or email contains every word of `q` ("anna muller", "anna@"). */
function customerSearch(q: string) {
  // ILIKE wildcards typed by the admin are matched literally.
  const like = (word: string) => ({ $ilike: `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%` })
  const words = q.split(/\s+/).filter(Boolean).slice(0, 5)
  return { $and: words.map((w) => ({ $or: [{ first_name: like(w) }, { last_name: like(w) }, { email: like(w) }] })) }
}

/** Accounts, newest first; `q` searches card numbers and customers' names and emails; filters by status and tier. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { q, customer_id, status, tier_id, limit, offset } = req.validatedQuery as AdminListLoyaltyAccountsType
  const filters: Record<string, unknown> = {
    ...(status ? { status } : {}),
    ...(customer_id ? { customer_id } : {}),
    ...(tier_id ? { tier_id } : {}),
  }
  if (q) {
    const customers = await req.scope
      .resolve(Modules.CUSTOMER)
      .listCustomers(customerSearch(q), { select: ["id"], take: 1000 })
    const card = normalizeCardNumber(q)
    filters.$or = [
      { customer_id: customers.map((c: { id: string }) => c.id) },
      ...(/^\d+$/.test(card) ? [{ card_number: { $like: `${card}%` } }] : []),
    ]
  }
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data, metadata } = await query.graph({
    entity: "loyalty_account",
    fields: [...ADMIN_ACCOUNT_FIELDS, ...CUSTOMER_FIELDS],
    filters,
    pagination: { skip: offset, take: limit, order: { created_at: "DESC", id: "DESC" } },
  })
  res.json({ accounts: data.map(withCardDisplay), count: metadata?.count ?? data.length, limit, offset })
}

/** Enrolls a customer: 201 with the new account, 200 when already a member. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminEnrollCustomerType>, res: MedusaResponse) => {
  const { customer_id, locale } = req.validatedBody
  const [customer] = await req.scope
    .resolve(Modules.CUSTOMER)
    .listCustomers({ id: customer_id }, { select: ["id"] })
  if (!customer) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `customer_id: no customer with id ${customer_id}`)
  }
  const { result } = await enrollCustomerWorkflow(req.scope).run({
    input: { customer_id, locale: locale ?? null, actor_user_id: req.auth_context.actor_id },
  })
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "loyalty_account",
    fields: [...ADMIN_ACCOUNT_FIELDS, ...CUSTOMER_FIELDS],
    filters: { id: result.account_id },
  })
  res.status(result.created ? 201 : 200).json({ account: withCardDisplay(data[0]) })
}
