import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
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
    try {
      await loyalty.recordOrderRetry({ order_id: input.order_id, trigger: input.trigger, error: (e as Error).message ?? String(e) })
    } catch (recording) {
      // The database itself may be what failed: say so, and let the original error go on.
      container.resolve(ContainerRegistrationKeys.LOGGER).error(
        `rewardflow: order ${input.order_id}: its loyalty could not be settled (${(e as Error).message}) nor recorded for a retry (${(recording as Error).message})`
      )
    }
    throw e
  }
}
