import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { LOYALTY_TERMINAL_MODULE } from "../modules/loyalty-terminal"
import type LoyaltyTerminalModuleService from "../modules/loyalty-terminal/service"
import { recordedJob } from "../lib/job-runs"

/** How long a bundle's lifetime is kept after it expired, for offline actions uploaded late. */
export const OFFLINE_BUNDLE_RETENTION_DAYS = 90

/** Daily: forgets offline bundles that expired more than 90 days ago (in batches). */
async function pruneOfflineBundles(container: MedusaContainer, { now = new Date() }: { now?: Date } = {}) {
  const terminal: LoyaltyTerminalModuleService = container.resolve(LOYALTY_TERMINAL_MODULE)
  const before = new Date(now.getTime() - OFFLINE_BUNDLE_RETENTION_DAYS * 86_400_000)
  let pruned = 0
  for (let batch = 0; batch < 20; batch++) {
    const deleted = await terminal.pruneOfflineBundles(before, 5000)
    pruned += deleted
    if (deleted < 5000) break
  }
  if (pruned) container.resolve(ContainerRegistrationKeys.LOGGER).info(`[rewardflow] forgot ${pruned} offline bundles that expired before ${before.toISOString()}`)
  return { pruned }
}

export const config = {
  name: "rewardflow-prune-offline-bundles",
  schedule: "41 3 * * *",
}

/** Each run is recorded for the go-live board (src/lib/job-runs.ts). */
export default recordedJob(config, pruneOfflineBundles)
