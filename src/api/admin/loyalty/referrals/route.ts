import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { LOYALTY_MODULE } from "../../../../modules/loyalty"
import type LoyaltyModuleService from "../../../../modules/loyalty/service"
import type { AdminListReferralsType } from "./validators"
import { referralView } from "../../../loyalty-bonus-views"

type Row = Record<string, any>

/**
 * Referrals, newest first, with the refusal reason of a refused one, the order that counts,
 * when it qualifies, and both sides (the referrer's card and customer, the referee's customer).
 */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminListReferralsType>, res: MedusaResponse) => {
  const { account_id, status, limit, offset } = req.validatedQuery as AdminListReferralsType
  const loyalty: LoyaltyModuleService = req.scope.resolve(LOYALTY_MODULE)
  const filters: Row = {
    ...(account_id ? { $or: [{ referrer_account_id: account_id }, { referee_account_id: account_id }] } : {}),
    ...(status ? { status } : {}),
  }
  const [rows, count] = await loyalty.listAndCountLoyaltyReferrals(filters, { skip: offset, take: limit, order: { created_at: "DESC", id: "DESC" } })

  const accountIds = [...new Set(rows.flatMap((r) => [r.referrer_account_id, r.referee_account_id]).filter(Boolean))] as string[]
  const customerIds = [...new Set(rows.map((r) => r.referee_customer_id))]
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const [{ data: accounts }, { data: customers }] = await Promise.all([
    accountIds.length
      ? query.graph({ entity: "loyalty_account", fields: ["id", "card_number", "customer_id", "customer.id", "customer.email", "customer.first_name", "customer.last_name"], filters: { id: accountIds } })
      : { data: [] },
    customerIds.length ? query.graph({ entity: "customer", fields: ["id", "email", "first_name", "last_name"], filters: { id: customerIds } }) : { data: [] },
  ])
  const accountOf = (id: string | null) => (accounts as Row[]).find((a) => a.id === id) ?? null
  const customerOf = (id: string) => (customers as Row[]).find((c) => c.id === id) ?? null

  res.json({
    referrals: rows.map((r) => {
      const referrer = accountOf(r.referrer_account_id)
      return {
        ...referralView(r),
        referrer: {
          account_id: r.referrer_account_id,
          card_number: referrer?.card_number ?? null,
          customer: referrer?.customer ?? null,
        },
        referee: {
          customer_id: r.referee_customer_id,
          account_id: r.referee_account_id ?? null,
          customer: customerOf(r.referee_customer_id),
        },
      }
    }),
    count,
    limit,
    offset,
  })
}
