import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { matureDuePendingPoints } from "../workflows/loyalty-pending/mature-due-points"
import { recordedJob } from "../lib/job-runs"

/**
 * Hourly: makes order points spendable whose pending period (the program's `pending_days` after
 * the order) is over, at most `limit` orders a run; the shopper's points-earned mail goes then.
 */
async function maturePendingPoints(container: MedusaContainer, { now = new Date(), limit = 500 }: { now?: Date; limit?: number } = {}) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const result = await matureDuePendingPoints(container, { now, limit })
  if (result.matured.length) logger.info(`[rewardflow] pending points of ${result.matured.length} order(s) are now available`)
  for (const f of result.failed) logger.warn(`[rewardflow] pending points of order ${f.order_id} could not be made available: ${f.error}`)
  return result
}

export const config = {
  name: "rewardflow-mature-pending-points",
  schedule: "41 * * * *",
}

/** Each run is recorded for the go-live board (src/lib/job-runs.ts). */
export default recordedJob(config, maturePendingPoints)
