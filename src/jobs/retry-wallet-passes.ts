import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { LOYALTY_WALLET_MODULE } from "../modules/loyalty-wallet"
import { RETRY_JOB_LOCK_WAIT_SECONDS } from "../modules/loyalty-wallet/lib/sync-policy"
import type LoyaltyWalletModuleService from "../modules/loyalty-wallet/service"
import { runWalletPassSync } from "../workflows/loyalty-wallet/run-wallet-pass-sync"
import { recordedJob } from "../lib/job-runs"

/**
 * Every 5 minutes: passes whose Wallet sync failed and whose backoff has elapsed are synced to
 * the account's latest balance (once per pass, however many changes were missed). The run stops
 * at the first pass Google cannot be reached for: the others stay due for the next run.
 */
async function retryWalletPasses(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const wallet: LoyaltyWalletModuleService = container.resolve(LOYALTY_WALLET_MODULE)
  const due = await wallet.listPassesDueForRetry(new Date())
  const counts = { synced: 0, failed: 0, skipped: 0, not_tried: 0 }
  for (const [i, pass] of due.entries()) {
    try {
      const result = await runWalletPassSync(container, {
        account_id: pass.account_id,
        trigger: "retry",
        lock_wait_seconds: RETRY_JOB_LOCK_WAIT_SECONDS,
      })
      counts[result.status]++
      if (result.unreachable) {
        counts.not_tried = due.length - i - 1
        logger.warn(`[rewardflow] Google Wallet cannot be reached (${result.error}): ${counts.not_tried} due pass(es) left for the next run`)
        break
      }
    } catch (e) {
      counts.failed++
      logger.error(`[rewardflow] Wallet pass ${pass.id} retry failed: ${(e as Error).message}`)
    }
  }
  if (due.length) {
    logger.info(
      `[rewardflow] Wallet pass retries: ${counts.synced} synced, ${counts.failed} still failing, ${counts.skipped} skipped, ${counts.not_tried} not tried`
    )
  }
  return counts
}

export const config = {
  name: "rewardflow-retry-wallet-passes",
  schedule: "*/5 * * * *",
}

/** Each run is recorded for the go-live board (src/lib/job-runs.ts). */
export default recordedJob(config, retryWalletPasses)
