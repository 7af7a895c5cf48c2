import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { WalletPassSyncOutcome } from "../../../modules/loyalty-wallet"
import { pushWalletPassStep } from "../steps/push-wallet-pass"
import { recordWalletPassSyncStep } from "../steps/record-wallet-pass-sync"

export const syncWalletPassWorkflowId = "sync-wallet-pass"

export type SyncWalletPassWorkflowInput = { account_id: string }

/**
 * Brings an account's Google Wallet pass to its current balance. Runs one at a time per
 * account (lock), so a slower run never writes an older balance over a newer one. A Wallet
 * failure marks the pass out of date for the retry job and is returned, not thrown.
 *
 * @example
 * const { result } = await syncWalletPassWorkflow(container).run({ input: { account_id } })
 * // result.status: "synced" | "failed" | "skipped"
 */
export const syncWalletPassWorkflow = createWorkflow(
  syncWalletPassWorkflowId,
  (input: SyncWalletPassWorkflowInput) => {
    const key = transform({ input }, ({ input }) => `rewardflow:wallet-pass:${input.account_id}`)
    acquireLockStep({ key, timeout: 30, ttl: 120 })
    const push = pushWalletPassStep(input)
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
    }))
    return new WorkflowResponse(outcome)
  }
)
