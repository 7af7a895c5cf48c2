import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { WalletPassSyncOutcome } from "../../../modules/loyalty-wallet"
import {
  SYNC_LOCK_TTL_SECONDS,
  SYNC_LOCK_WAIT_SECONDS,
  walletPassLockKey,
  type WalletSyncTrigger,
} from "../../../modules/loyalty-wallet/lib/sync-policy"
import { pushWalletPassStep } from "../steps/push-wallet-pass"
import { recordWalletClassStep } from "../steps/record-wallet-class"
import { recordWalletPassSyncStep } from "../steps/record-wallet-pass-sync"

export const syncWalletPassWorkflowId = "sync-wallet-pass"

export type SyncWalletPassWorkflowInput = {
  account_id: string
  /** The event (or `retry`, ...) that asked for the sync; reserve / release never notify the holder. */
  trigger?: WalletSyncTrigger
  /** How long to wait for a running sync of the same pass (seconds); default longer than any sync holds it. */
  lock_wait_seconds?: number
}

/**
 * Brings an account's Google Wallet pass to its current balance. Runs one at a time per
 * account (lock), so a slower run never writes an older balance over a newer one. A Wallet
 * failure marks the pass out of date for the retry job and is returned, not thrown. Run it
 * through `runWalletPassSync` so a run that fails before recording (lock wait) is retried too.
 *
 * @example
 * const { result } = await syncWalletPassWorkflow(container).run({ input: { account_id, trigger: "loyalty.points_earned" } })
 * // result.status: "synced" | "failed" | "skipped"
 */
export const syncWalletPassWorkflow = createWorkflow(
  syncWalletPassWorkflowId,
  (input: SyncWalletPassWorkflowInput) => {
    const key = transform({ input }, ({ input }) => walletPassLockKey(input.account_id))
    const timeout = transform({ input }, ({ input }) => input.lock_wait_seconds ?? SYNC_LOCK_WAIT_SECONDS)
    acquireLockStep({ key, timeout, ttl: SYNC_LOCK_TTL_SECONDS })
    const push = pushWalletPassStep(transform({ input }, ({ input }) => ({ account_id: input.account_id, trigger: input.trigger })))
    recordWalletClassStep(push)
    recordWalletPassSyncStep(push)
    releaseLockStep({ key })
    const outcome = transform({ push }, ({ push }): WalletPassSyncOutcome => ({
      account_id: push.account_id,
      status: push.status,
      reason: push.reason,
      balance: push.balance,
      notified: push.notified,
      inserted: push.inserted,
      error: push.error,
      unreachable: push.unreachable,
    }))
    return new WorkflowResponse(outcome)
  }
)
