import type { MedusaContainer } from "@medusajs/framework/types"
import { LOYALTY_MODULE } from "../../modules/loyalty"
import type LoyaltyModuleService from "../../modules/loyalty/service"
import { settleOrderLoyaltyWorkflow } from "./workflows/settle-order-loyalty"

/**
 * Runs the order coordinator the way subscribers and jobs do: a run that fails (a busy account,
 * a lock not obtained, a database error) is recorded for the `rewardflow-retry-order-loyalty`
 * job before the error goes on, so a failure never loses an order's points, even on an event
 * bus that does not redeliver.
 */
export async function settleOrderLoyalty(container: MedusaContainer, input: { order_id: string; trigger: string }) {
  try {
    const { result } = await settleOrderLoyaltyWorkflow(container).run({ input })
    return result
  } catch (e) {
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    await loyalty.recordOrderRetry({ order_id: input.order_id, trigger: input.trigger, error: (e as Error).message ?? String(e) })
    throw e
  }
}
