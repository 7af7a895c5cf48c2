import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_WALLET_MODULE } from "../../../modules/loyalty-wallet"
import type LoyaltyWalletModuleService from "../../../modules/loyalty-wallet/service"
import { WALLET_PASS_STATE, type WalletPassState } from "../../../modules/loyalty-wallet/service"
import type { PushWalletPassResult } from "./push-wallet-pass"

export const recordWalletPassSyncStepId = "record-wallet-pass-sync"

/**
 * Records a push on the pass:
 * - synced: up to date with the balance it shows;
 * - failed, or skipped because Wallet is not configured: out of date with the reason and the
 *   time of the next attempt (exponential backoff), so the retry job neither forgets the pass
 *   nor tries it on every run;
 * - skipped because the account is gone: no longer out of date (there is nothing left to show).
 * Compensation restores the pass row as it was.
 *
 * @example
 * recordWalletPassSyncStep(pushWalletPassStep({ account_id }))
 */
export const recordWalletPassSyncStep = createStep(
  recordWalletPassSyncStepId,
  async (push: PushWalletPassResult, { container }) => {
    const writes = push.status !== "skipped" || push.skip === "not_configured" || push.skip === "account_gone"
    if (!push.pass_id || !writes) return new StepResponse(undefined, null as WalletPassState | null)
    const wallet: LoyaltyWalletModuleService = container.resolve(LOYALTY_WALLET_MODULE)
    const at = new Date(push.at)

    if (push.status === "synced") {
      const previous = await wallet.retrieveLoyaltyWalletPass(push.pass_id, { select: [...WALLET_PASS_STATE] })
      await wallet.updateLoyaltyWalletPasses({
        id: push.pass_id,
        class_id: push.class_id,
        object_id: push.object_id,
        synced_balance: push.balance,
        payload_hash: push.payload_hash,
        out_of_date: false,
        attempts: 0,
        next_attempt_at: null,
        last_error: null,
        notifications: { sent_at: push.notification_times ?? [] },
        last_synced_at: at,
      })
      return new StepResponse(undefined, previous as WalletPassState)
    }
    if (push.skip === "account_gone") {
      const previous = await wallet.retrieveLoyaltyWalletPass(push.pass_id, { select: [...WALLET_PASS_STATE] })
      await wallet.updateLoyaltyWalletPasses({ id: push.pass_id, out_of_date: false, next_attempt_at: null, last_error: push.reason })
      return new StepResponse(undefined, previous as WalletPassState)
    }
    const previous = await wallet.markPassOutOfDate(push.account_id, push.error ?? push.reason ?? "unknown error", at)
    return new StepResponse(undefined, previous)
  },
  async (previous, { container }) => {
    if (!previous) return
    const wallet: LoyaltyWalletModuleService = container.resolve(LOYALTY_WALLET_MODULE)
    await wallet.updateLoyaltyWalletPasses(previous as any)
  }
)
