import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { ACCOUNT_FIELDS, ADMIN_ENTRY_FIELDS, graphOne, withCardDisplay } from "../../../../loyalty-views"
import { listAdminRedemptions } from "../../redemptions/list-redemptions"

const CUSTOMER_FIELDS = ["customer.id", "customer.email", "customer.first_name", "customer.last_name"]
/** An order has a handful of redemptions at most (one per reward, plus points as money). */
const MAX_REDEMPTIONS = 100

/**
 * Loyalty of one order: the ledger entries whose source is the order or one of its returns
 * (points earned, taken back on cancel or return, spent points given back), the redemptions spent on it, and the
 * customer's account. A guest order, or one that earned nothing, has no entries.
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const orderId = req.params.id
  const order = await graphOne(req.scope, "order", ["id", "display_id", "customer_id", "email", "status"], { id: orderId })
  if (!order) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${orderId} was not found`)
  }
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const entriesOf = async (source_type: string, source_id: string | string[]) =>
    (
      await query.graph({
        entity: "loyalty_ledger_entry",
        fields: [...ADMIN_ENTRY_FIELDS, "account_id"],
        filters: { source_type, source_id },
        pagination: { order: { created_at: "ASC", id: "ASC" } },
      })
    ).data
  // Points taken back by the order's returns are entries of those returns.
  const { data: returns } = await query.graph({ entity: "return", fields: ["id"], filters: { order_id: orderId } })
  const entries = [
    ...(await entriesOf("order", orderId)),
    ...(returns.length ? await entriesOf("return", returns.map((r: any) => r.id)) : []),
  ].sort((a: any, b: any) => new Date(a.created_at).getTime() - new Date(b.created_at).getTime())
  const { redemptions } = await listAdminRedemptions(req.scope, { order_id: orderId }, { limit: MAX_REDEMPTIONS, offset: 0 })

  const accountId: string | undefined = entries[0]?.account_id ?? redemptions[0]?.account?.id
  const accountFilter = accountId ? { id: accountId } : order.customer_id ? { customer_id: order.customer_id } : null
  const account = accountFilter
    ? await graphOne(req.scope, "loyalty_account", [...ACCOUNT_FIELDS, ...CUSTOMER_FIELDS], accountFilter)
    : null

  const sum = (type: string) => entries.filter((e: any) => e.type === type).reduce((s: number, e: any) => s + e.points, 0)
  res.json({
    order,
    account: account ? withCardDisplay(account) : null,
    entries,
    redemptions,
    points: { earned: sum("earn"), reversed: entries.filter((e: any) => e.type === "reverse" && e.points < 0).reduce((s: number, e: any) => s + e.points, 0) },
  })
}
