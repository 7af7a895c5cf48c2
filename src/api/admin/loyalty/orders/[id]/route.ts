import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { LOYALTY_MODULE } from "../../../../../modules/loyalty"
import type LoyaltyModuleService from "../../../../../modules/loyalty/service"
import { ADMIN_ACCOUNT_FIELDS, ADMIN_ENTRY_FIELDS, graphOne, withCardDisplay } from "../../../../loyalty-views"
import { listAdminRedemptions } from "../../redemptions/list-redemptions"

const CUSTOMER_FIELDS = ["customer.id", "customer.email", "customer.first_name", "customer.last_name"]
/** An order has a handful of redemptions at most (one per reward, plus points as money). */
const MAX_REDEMPTIONS = 100

/**
 * Loyalty of one order: the ledger entries of the order (points earned, taken back on cancel,
 * returns, refunds and other changes, the debts they left, spent points given back), the
 * figures they sum to, the redemptions spent on it, and the customer's account. A guest order,
 * or one that earned nothing, has no entries.
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const orderId = req.params.id
  const order = await graphOne(req.scope, "order", ["id", "display_id", "customer_id", "email", "status"], { id: orderId })
  if (!order) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${orderId} was not found`)
  }
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const loyalty: LoyaltyModuleService = req.scope.resolve(LOYALTY_MODULE)
  const state = await loyalty.retrieveOrderPointsState(orderId)
  const { data: rows } = state.entries.length
    ? await query.graph({
        entity: "loyalty_ledger_entry",
        fields: [...ADMIN_ENTRY_FIELDS, "account_id"],
        filters: { id: state.entries.map((e) => e.id) },
        pagination: { order: { created_at: "ASC", id: "ASC" } },
      })
    : { data: [] as any[] }
  const { redemptions } = await listAdminRedemptions(req.scope, { order_id: orderId }, { limit: MAX_REDEMPTIONS, offset: 0 })

  const accountId: string | undefined = state.account_id ?? redemptions[0]?.account?.id
  const accountFilter = accountId ? { id: accountId } : order.customer_id ? { customer_id: order.customer_id } : null
  const account = accountFilter
    ? await graphOne(req.scope, "loyalty_account", [...ADMIN_ACCOUNT_FIELDS, ...CUSTOMER_FIELDS], accountFilter)
    : null
  const owed = rows.filter((e: any) => e.type === "debt").reduce((s: number, e: any) => s + e.owed_change, 0)
  res.json({
    order,
    account: account ? withCardDisplay(account) : null,
    entries: rows,
    redemptions,
    // earned: credited for the order; reversed: taken back (taken, owed or already expired); net: what it
    // gives now. A run undone by its compensation counts in neither.
    points: { earned: state.earned, reversed: -state.taken_back, net: state.net, owed },
  })
}
