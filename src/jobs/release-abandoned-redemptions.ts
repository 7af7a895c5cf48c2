import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { releaseAbandonedRedemptions } from "../workflows/redemption/release-abandoned"
import { recordedJob } from "../lib/job-runs"

/** Every 15 minutes: gives back points reserved on abandoned carts (see releaseAbandonedRedemptions). */
async function releaseAbandonedRedemptionsJob(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const { released, captured_orders, failed } = await releaseAbandonedRedemptions(container)
  if (released.length || captured_orders.length) {
    logger.info(`rewardflow: released ${released.length} abandoned redemption(s), captured ${captured_orders.length} missed order(s)`)
  }
  for (const f of failed) logger.warn(`rewardflow: redemption ${f.id} could not be swept: ${f.error}`)
}

export const config = {
  name: "rewardflow-release-abandoned-redemptions",
  schedule: "*/15 * * * *",
}

/** Each run is recorded for the go-live board (src/lib/job-runs.ts). */
export default recordedJob(config, releaseAbandonedRedemptionsJob)
