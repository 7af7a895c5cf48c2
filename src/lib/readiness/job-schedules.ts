import { config as birthdayBonuses } from "../../jobs/birthday-bonuses"
import { config as evaluateTiers } from "../../jobs/evaluate-tiers"
import { config as expirePoints } from "../../jobs/expire-points"
import { config as maturePendingPoints } from "../../jobs/mature-pending-points"
import { config as notifyExpiringPoints } from "../../jobs/notify-expiring-points"
import { config as pruneOfflineBundles } from "../../jobs/prune-offline-bundles"
import { config as readinessHeartbeat } from "../../jobs/readiness-heartbeat"
import { config as referralBonuses } from "../../jobs/referral-bonuses"
import { config as releaseAbandonedRedemptions } from "../../jobs/release-abandoned-redemptions"
import { config as retryEmails } from "../../jobs/retry-loyalty-emails"
import { config as retryOrderLoyalty } from "../../jobs/retry-order-loyalty"
import { config as retryWalletPasses } from "../../jobs/retry-wallet-passes"
import { cronIntervalSeconds } from "./cron-interval"

/**
 * Every scheduled job of the plugin (the configs of src/jobs, so a changed schedule is seen
 * here) with the longest gap its schedule allows between two runs. A new job is added here too:
 * the unit test compares this list with the files of src/jobs.
 */
export const JOB_SCHEDULES = [
  birthdayBonuses,
  evaluateTiers,
  expirePoints,
  maturePendingPoints,
  notifyExpiringPoints,
  pruneOfflineBundles,
  readinessHeartbeat,
  referralBonuses,
  releaseAbandonedRedemptions,
  retryEmails,
  retryOrderLoyalty,
  retryWalletPasses,
].map((c) => ({ name: c.name, schedule: c.schedule, interval_seconds: cronIntervalSeconds(c.schedule) }))

export type JobSchedule = (typeof JOB_SCHEDULES)[number]
