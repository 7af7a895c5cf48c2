import type { MedusaContainer } from "@medusajs/framework/types"
import { LOYALTY_MODULE } from "../../modules/loyalty"
import type LoyaltyModuleService from "../../modules/loyalty/service"
import { matureOrderPointsWorkflow } from "./workflows/mature-order-points"

export type MatureDuePointsResult = {
  matured: { order_id: string; account_id: string; entry_id: string; points: number }[]
  failed: { order_id: string; error: string }[]
}

/**
 * Makes every order's pending points whose period is over at `now` spendable, at most `limit`
 * orders per call (the longest due first), one workflow run per order: a failure leaves that
 * order due for the next call and does not stop the others.
 */
export async function matureDuePendingPoints(
  container: MedusaContainer,
  { now = new Date(), limit = 500 }: { now?: Date; limit?: number } = {}
): Promise<MatureDuePointsResult> {
  const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
  const due = await loyalty.listDuePendingOrders(now, limit)
  const result: MatureDuePointsResult = { matured: [], failed: [] }
  for (const d of due) {
    try {
      const { result: run } = await matureOrderPointsWorkflow(container).run({
        input: { account_id: d.account_id, order_id: d.order_id, now: now.toISOString() },
      })
      if (run.entry) result.matured.push({ order_id: d.order_id, account_id: d.account_id, entry_id: run.entry.id, points: run.entry.points })
    } catch (e) {
      result.failed.push({ order_id: d.order_id, error: (e as Error).message })
    }
  }
  return result
}
