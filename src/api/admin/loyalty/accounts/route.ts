import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { normalizeCardNumber } from "../../../../modules/loyalty/lib/card-number"
import { ACCOUNT_FIELDS, withCardDisplay } from "../../../loyalty-views"
import type { AdminListLoyaltyAccountsType } from "./validators"

const CUSTOMER_FIELDS = ["customer.id", "customer.email", "customer.first_name", "customer.last_name"]

/** Accounts, newest first; `q` searches card numbers and customer emails. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { q, status, limit, offset } = req.validatedQuery as AdminListLoyaltyAccountsType
  const filters: Record<string, unknown> = status ? { status } : {}
  if (q) {
    const customers = await req.scope
      .resolve(Modules.CUSTOMER)
      .listCustomers({ email: { $ilike: `%${q}%` } }, { select: ["id"], take: 1000 })
    const card = normalizeCardNumber(q)
    filters.$or = [
      { customer_id: customers.map((c: { id: string }) => c.id) },
      ...(/^\d+$/.test(card) ? [{ card_number: { $like: `${card}%` } }] : []),
    ]
  }
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data, metadata } = await query.graph({
    entity: "loyalty_account",
    fields: [...ACCOUNT_FIELDS, ...CUSTOMER_FIELDS],
    filters,
    pagination: { skip: offset, take: limit, order: { created_at: "DESC", id: "DESC" } },
  })
  res.json({ accounts: data.map(withCardDisplay), count: metadata?.count ?? data.length, limit, offset })
}
