import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MESSAGING_MODULE } from "../../../modules/loyalty-messaging"
import type LoyaltyMessagingModuleService from "../../../modules/loyalty-messaging/service"
import { LOYALTY_WALLET_MODULE } from "../../../modules/loyalty-wallet"
import type LoyaltyWalletModuleService from "../../../modules/loyalty-wallet/service"

export const removeTestSideDataStepId = "remove-loyalty-test-side-data"

/**
 * Removes what other modules keep of test accounts: their Wallet passes, the emails logged for
 * them (`context.account_id`) and their expiry notices. No compensation: this is removal of
 * test data by request, and running the clean-up again finishes what a failed run left.
 *
 * @example
 * const removed = removeTestSideDataStep({ account_ids })
 */
export const removeTestSideDataStep = createStep(removeTestSideDataStepId, async ({ account_ids }: { account_ids: string[] }, { container }) => {
  if (!account_ids.length) return new StepResponse({ wallet_passes: 0, email_logs: 0, expiry_notices: 0 })
  const wallet: LoyaltyWalletModuleService = container.resolve(LOYALTY_WALLET_MODULE)
  const messaging: LoyaltyMessagingModuleService = container.resolve(LOYALTY_MESSAGING_MODULE)
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const [passes, logs, notices] = await Promise.all([
    wallet.listLoyaltyWalletPasses({ account_id: account_ids }, { select: ["id"] }),
    // The log keys a mail by its context, JSON the generated filters cannot reach.
    pg.raw(`select id from loyalty_email_log where context->>'account_id' = any(?)`, [account_ids]),
    messaging.listLoyaltyExpiryNotices({ account_id: account_ids }, { select: ["id"] }),
  ])
  const logIds = (logs.rows as { id: string }[]).map((r) => r.id)
  if (passes.length) await wallet.deleteLoyaltyWalletPasses(passes.map((p) => p.id))
  if (logIds.length) await messaging.deleteLoyaltyEmailLogs(logIds)
  if (notices.length) await messaging.deleteLoyaltyExpiryNotices(notices.map((n) => n.id))
  return new StepResponse({ wallet_passes: passes.length, email_logs: logIds.length, expiry_notices: notices.length })
})
