import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { LOYALTY_MODULE } from "../modules/loyalty"
import type LoyaltyModuleService from "../modules/loyalty/service"
import { settleReferralsWorkflow } from "../workflows/loyalty-bonuses/workflows/settle-referrals"
import { recordedJob } from "../lib/job-runs"

const BATCH = 100

/**
 * Hourly: brings every open referral up to date with its referee's orders (in batches): pays
 * both sides once the first order kept can no longer be canceled or returned (the program's
 * pending period, else 14 days), refuses a self-referral by shipping address, reopens one whose
 * order was canceled or returned.
 */
async function referralBonusesJob(container: MedusaContainer, { now = new Date() }: { now?: Date } = {}) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
  const totals = { rewarded: 0, refused: 0, qualified: 0, failed: 0 }
  let after: string | null = null
  for (;;) {
    const ids = await loyalty.listOpenReferralIds({ after, limit: BATCH })
    if (!ids.length) break
    const { result } = await settleReferralsWorkflow(container).run({ input: { referral_ids: ids, now: now.toISOString() } })
    for (const s of result.settled) {
      if (s.status === "rewarded" || s.status === "refused" || s.status === "qualified") totals[s.status]++
    }
    totals.failed += result.failed.length
    if (ids.length < BATCH) break
    after = ids[ids.length - 1]
  }
  if (totals.rewarded || totals.refused || totals.failed) {
    logger.info(`[rewardflow] referrals: ${totals.rewarded} rewarded, ${totals.refused} refused, ${totals.failed} failed`)
  }
  return totals
}

export const config = {
  name: "rewardflow-referral-bonuses",
  schedule: "35 * * * *",
}

/** Each run is recorded for the go-live board (src/lib/job-runs.ts). */
export default recordedJob(config, referralBonusesJob)
