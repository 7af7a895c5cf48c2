import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { SYNC_LOCK_TTL_SECONDS, SYNC_LOCK_WAIT_SECONDS, walletClassLockKey } from "../../../modules/loyalty-wallet/lib/sync-policy"
import { pushWalletClassStep } from "../steps/push-wallet-class"
import { recordWalletClassStep } from "../steps/record-wallet-class"

export const syncWalletClassWorkflowId = "sync-wallet-class"

export type SyncWalletClassWorkflowInput = { program_id: string }

/**
 * Brings a program's Google Wallet class up to date (program name and language shown on every
 * saved pass), one run at a time per program.
 *
 * @example
 * const { result } = await syncWalletClassWorkflow(container).run({ input: { program_id } })
 * // result.status: "synced" | "failed" | "skipped"
 */
export const syncWalletClassWorkflow = createWorkflow(syncWalletClassWorkflowId, (input: SyncWalletClassWorkflowInput) => {
  const key = transform({ input }, ({ input }) => walletClassLockKey(input.program_id))
  acquireLockStep({ key, timeout: SYNC_LOCK_WAIT_SECONDS, ttl: SYNC_LOCK_TTL_SECONDS })
  const push = pushWalletClassStep(input)
  recordWalletClassStep(push)
  releaseLockStep({ key })
  return new WorkflowResponse(push)
})
