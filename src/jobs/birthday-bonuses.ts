import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { LOYALTY_MODULE } from "../modules/loyalty"
import type LoyaltyModuleService from "../modules/loyalty/service"
import { payBirthdayBonusesWorkflow } from "../workflows/loyalty-bonuses/workflows/pay-birthday-bonuses"
import { recordedJob } from "../lib/job-runs"

const BATCH = 500

/**
 * Hourly: pays the birthday bonus of the members whose birthday is today in their program's
 * time zone (found through the birthday index, in batches; a year already paid is not looked at
 * again). Hourly rather than daily so that every zone's day is covered whatever the server's
 * clock and daylight saving time; each member is paid once a year.
 */
async function birthdayBonusesJob(container: MedusaContainer, { now = new Date() }: { now?: Date } = {}) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
  const totals = { paid: 0, skipped: 0, failed: 0 }
  const programs = await loyalty.listLoyaltyPrograms({ status: "active" })
  for (const program of programs as { id: string; time_zone?: string | null; birthday_bonus_points?: number }[]) {
    if (!((program.birthday_bonus_points ?? 0) > 0)) continue
    let after: string | null = null
    for (;;) {
      const ids = await loyalty.listBirthdayBonusesDue({ program_id: program.id, time_zone: program.time_zone || "UTC", now, after, limit: BATCH })
      if (!ids.length) break
      const { result } = await payBirthdayBonusesWorkflow(container).run({ input: { account_ids: ids, now: now.toISOString() } })
      totals.paid += result.paid.length
      totals.skipped += result.skipped.length
      totals.failed += result.failed.length
      if (ids.length < BATCH) break
      after = ids[ids.length - 1]
    }
  }
  if (totals.paid || totals.failed) logger.info(`[rewardflow] birthday bonuses: ${totals.paid} paid, ${totals.failed} failed`)
  return totals
}

export const config = {
  name: "rewardflow-birthday-bonuses",
  schedule: "5 * * * *",
}

/** Each run is recorded for the go-live board (src/lib/job-runs.ts). */
export default recordedJob(config, birthdayBonusesJob)
