import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { LOYALTY_MESSAGING_MODULE } from "../modules/loyalty-messaging"
import type LoyaltyMessagingModuleService from "../modules/loyalty-messaging/service"
import { recordedJob } from "../lib/job-runs"

/**
 * Every minute: sends again the mails whose retry time has come (backoff doubles from
 * `email.retryBaseDelaySeconds`), mails whose sender crashed while holding them (lease ran
 * out), and mails queued but never attempted. Each is claimed before sending, so two
 * instances running this job never send the same mail twice.
 */
async function retryLoyaltyEmails(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const messaging: LoyaltyMessagingModuleService = container.resolve(LOYALTY_MESSAGING_MODULE)
  const ids = await messaging.listDueEmailIds(100)
  const counts = { sent: 0, retrying: 0, failed: 0, skipped: 0 }
  for (const id of ids) {
    const { log, attempted } = await messaging.deliverEmail(id)
    if (!attempted) counts.skipped++
    else if (log.status === "sent") counts.sent++
    else if (log.status === "failed") counts.failed++
    else counts.retrying++
  }
  if (ids.length) {
    logger.info(`[rewardflow] email retry: ${counts.sent} sent, ${counts.retrying} to retry, ${counts.failed} failed, ${counts.skipped} taken by another worker`)
  }
}

export const config = {
  name: "rewardflow-retry-emails",
  schedule: "* * * * *",
}

/** Each run is recorded for the go-live board (src/lib/job-runs.ts). */
export default recordedJob(config, retryLoyaltyEmails)
