import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { LOYALTY_WALLET_MODULE } from "../modules/loyalty-wallet"
import type LoyaltyWalletModuleService from "../modules/loyalty-wallet/service"
import { syncWalletPassWorkflow } from "../workflows/loyalty-wallet/workflows/sync-wallet-pass"

/**
 * Every 5 minutes: passes whose Wallet sync failed and whose backoff has elapsed are synced to
 * the account's latest balance (once per pass, however many changes were missed).
 */
export default async function retryWalletPasses(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const wallet: LoyaltyWalletModuleService = container.resolve(LOYALTY_WALLET_MODULE)
  const due = await wallet.listPassesDueForRetry(new Date())
  const counts = { synced: 0, failed: 0, skipped: 0 }
  for (const pass of due) {
    try {
      const { result } = await syncWalletPassWorkflow(container).run({ input: { account_id: pass.account_id } })
      counts[result.status]++
    } catch (e) {
      counts.failed++
      logger.error(`[rewardflow] Wallet pass ${pass.id} retry failed: ${(e as Error).message}`)
    }
  }
  if (due.length) {
    logger.info(`[rewardflow] Wallet pass retries: ${counts.synced} synced, ${counts.failed} still failing, ${counts.skipped} skipped`)
  }
  return counts
}

export const config = {
  name: "rewardflow-retry-wallet-passes",
  schedule: "*/5 * * * *",
}
