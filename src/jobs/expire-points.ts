import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { LOYALTY_MODULE } from "../modules/loyalty"
import type LoyaltyModuleService from "../modules/loyalty/service"
import { expireAccountPointsWorkflow } from "../workflows/loyalty/workflows/expire-account-points"
import { recordedJob } from "../lib/job-runs"

/** Hourly: writes `expire` entries for points whose expiry instant is at or before `now`. */
async function expireLoyaltyPoints(container: MedusaContainer, { now = new Date() }: { now?: Date } = {}) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
  const accountIds = await loyalty.listAccountIdsWithDueLots(now, 500)
  let failed = 0
  for (const account_id of accountIds) {
    try {
      await expireAccountPointsWorkflow(container).run({ input: { account_id, now: now.toISOString() } })
    } catch (e) {
      failed++
      logger.error(`[rewardflow] expiring points of ${account_id} failed: ${(e as Error).message}`)
    }
  }
  if (accountIds.length) {
    logger.info(`[rewardflow] expired points on ${accountIds.length - failed} accounts (${failed} failed)`)
  }
}

export const config = {
  name: "rewardflow-expire-points",
  schedule: "17 * * * *",
}

/** Each run is recorded for the go-live board (src/lib/job-runs.ts). */
export default recordedJob(config, expireLoyaltyPoints)
