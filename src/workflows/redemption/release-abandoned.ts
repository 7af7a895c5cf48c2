import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { LOYALTY_MODULE, type RedemptionDTO } from "../../modules/loyalty"
import type LoyaltyModuleService from "../../modules/loyalty/service"
import { settleOrderLoyalty } from "../loyalty/settle-order"
import { releaseRedemptionWorkflow } from "./workflows/release-redemption"

/** A redemption still pending after this long was left by a crashed apply. */
const PENDING_GRACE_MS = 15 * 60 * 1000

export type ReleaseAbandonedResult = {
  released: string[]
  captured_orders: string[]
  failed: { id: string; error: string }[]
  /** Old reservations left alone because their cart is still in use. */
  kept: number
}

/**
 * The sweep behind the scheduled job: releases the points reserved on carts untouched for
 * `release_after_hours` and on redemptions a crash left pending; for those whose cart was
 * completed but whose order was never settled (a missed or failed `order.placed`) it runs the
 * order's coordinator, which captures them, or releases them when the order was canceled in
 * the meantime. One failure does not stop the rest.
 *
 * Candidates are read `batch` at a time, oldest first, paging past the reservations it keeps
 * (an old reservation on a cart the shopper still uses): however many of them there are, they
 * never hide the abandoned ones behind them. At most `maxPages` pages per run.
 */
export async function releaseAbandonedRedemptions(
  container: MedusaContainer,
  { now = new Date(), batch = 200, maxPages = 50 }: { now?: Date; batch?: number; maxPages?: number } = {}
): Promise<ReleaseAbandonedResult> {
  const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
  const hours = loyalty.getRedemptionSettings().release_after_hours
  const cutoff = now.getTime() - hours * 3600 * 1000
  const result: ReleaseAbandonedResult = { released: [], captured_orders: [], failed: [], kept: 0 }

  // Only redemptions untouched since the cutoff can be abandoned (their cart is checked below),
  // and pending ones past the grace: fresh ones never crowd the batch.
  const filters = {
    $or: [
      { status: ["pending", "reserved"], updated_at: { $lt: new Date(cutoff) } },
      { status: "pending", updated_at: { $lt: new Date(now.getTime() - PENDING_GRACE_MS) } },
    ],
  } as any
  // Released and captured redemptions leave the candidates; those kept or failed stay, in the
  // same order, so the next page starts past them.
  let stayed = 0
  for (let page = 0; page < maxPages; page++) {
    const open = await loyalty.listLoyaltyRedemptions(filters, { take: batch, skip: stayed, order: { updated_at: "ASC", id: "ASC" } })
    if (!open.length) break
    stayed += await sweepPage(container, open, { now, cutoff, hours, result })
    if (open.length < batch) break
  }
  return result
}

/** Releases or captures what a page of candidates allows; returns how many stay candidates. */
async function sweepPage(
  container: MedusaContainer,
  open: RedemptionDTO[],
  { now, cutoff, hours, result }: { now: Date; cutoff: number; hours: number; result: ReleaseAbandonedResult }
): Promise<number> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
  const { data: carts } = await query.graph({
    entity: "cart",
    fields: ["id", "updated_at", "completed_at"],
    filters: { id: [...new Set(open.map((r) => r.cart_id))] },
  })
  const cartById = new Map(carts.map((c: any) => [c.id, c]))
  let stayed = 0

  for (const r of open) {
    const cart: any = cartById.get(r.cart_id)
    try {
      if (cart?.completed_at) {
        const { data: [link] } = await query.graph({ entity: "order_cart", fields: ["order_id"], filters: { cart_id: cart.id } })
        if (link?.order_id && !result.captured_orders.includes(link.order_id)) {
          result.captured_orders.push(link.order_id)
          await settleOrderLoyalty(container, { order_id: link.order_id, trigger: "job" })
        }
        // Still open (its settlement failed, or the order is not linked yet): it stays a candidate.
        const [after] = await loyalty.listLoyaltyRedemptions({ id: r.id }, { select: ["id", "status"] })
        if (after && ["pending", "reserved"].includes(after.status)) stayed++
        continue
      }
      const touched = Math.max(new Date(r.updated_at).getTime(), cart ? new Date(cart.updated_at).getTime() : 0)
      const stalePending = r.status === "pending" && now.getTime() - new Date(r.updated_at).getTime() > PENDING_GRACE_MS
      if (!cart || touched < cutoff || stalePending) {
        const reason = !cart ? "The cart no longer exists" : stalePending ? "Applying the reward did not finish" : `Cart inactive for ${hours} h`
        await releaseRedemptionWorkflow(container).run({ input: { redemption_id: r.id, reason } })
        result.released.push(r.id)
      } else {
        result.kept++
        stayed++
      }
    } catch (e) {
      result.failed.push({ id: r.id, error: (e as Error).message })
      stayed++
    }
  }
  return stayed
}
