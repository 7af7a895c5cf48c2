import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { LOYALTY_MODULE } from "../modules/loyalty"
import type LoyaltyModuleService from "../modules/loyalty/service"
import { settleOrderLoyalty } from "../workflows/loyalty/settle-order"
import { recordedJob } from "../lib/job-runs"

/**
 * Every 5 minutes: runs the order coordinator again for orders whose run failed (recorded by
 * settleOrderLoyalty), oldest due first. A success clears the record; a failure doubles the wait.
 */
async function retryOrderLoyalty(container: MedusaContainer, { now = new Date(), limit = 100 } = {}) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
  const due = await loyalty.listDueOrderRetries(now, limit)
  const result = { settled: [] as string[], failed: [] as { order_id: string; error: string }[] }
  for (const retry of due) {
    try {
      await settleOrderLoyalty(container, { order_id: retry.order_id, trigger: "job" })
      await loyalty.clearOrderRetry(retry.order_id)
      result.settled.push(retry.order_id)
    } catch (e) {
      result.failed.push({ order_id: retry.order_id, error: (e as Error).message })
      logger.warn(`rewardflow: order ${retry.order_id}: loyalty still not settled (attempt ${retry.attempts + 1}): ${(e as Error).message}`)
    }
  }
  if (result.settled.length) logger.info(`rewardflow: settled the loyalty of ${result.settled.length} order(s) on retry`)
  return result
}

export const config = {
  name: "rewardflow-retry-order-loyalty",
  schedule: "*/5 * * * *",
}

/** Each run is recorded for the go-live board (src/lib/job-runs.ts). */
export default recordedJob(config, retryOrderLoyalty)
