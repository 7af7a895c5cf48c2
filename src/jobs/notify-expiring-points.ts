import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { LOYALTY_MESSAGING_MODULE } from "../modules/loyalty-messaging"
import type LoyaltyMessagingModuleService from "../modules/loyalty-messaging/service"
import { notifyExpiringPointsWorkflow } from "../workflows/loyalty-messaging/workflows/notify-expiring-points"
import { recordedJob } from "../lib/job-runs"

/**
 * Daily: announces points expiring within `email.expiringWithinDays` (default 14) after `now`,
 * once per account and expiry day (the day in the program's time zone).
 */
async function notifyExpiringLoyaltyPoints(container: MedusaContainer, { now = new Date() }: { now?: Date } = {}) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const messaging: LoyaltyMessagingModuleService = container.resolve(LOYALTY_MESSAGING_MODULE)
  const { result } = await notifyExpiringPointsWorkflow(container).run({
    input: { within_days: messaging.config.expiringWithinDays, now: now.toISOString() },
  })
  if (result.length) logger.info(`[rewardflow] points expiring soon announced to ${result.length} accounts`)
  return result
}

export const config = {
  name: "rewardflow-notify-expiring-points",
  schedule: "23 7 * * *",
}

/** Each run is recorded for the go-live board (src/lib/job-runs.ts). */
export default recordedJob(config, notifyExpiringLoyaltyPoints)
