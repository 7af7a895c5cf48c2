import type { MedusaContainer } from "@medusajs/framework/types"
import type { WalletPassSyncOutcome } from "../../modules/loyalty-wallet"
import { markWalletPassOutOfDateWorkflow } from "./workflows/mark-wallet-pass-out-of-date"
import { syncWalletPassWorkflow, type SyncWalletPassWorkflowInput } from "./workflows/sync-wallet-pass"

/**
 * Runs `syncWalletPassWorkflow`; when the run itself fails (the pass's lock was not obtained in
 * time, a database error while recording), the pass is marked out of date with a next attempt,
 * so the retry job syncs it: a balance change is never left off the pass for good.
 */
export async function runWalletPassSync(
  container: Pick<MedusaContainer, "resolve">,
  input: SyncWalletPassWorkflowInput
): Promise<WalletPassSyncOutcome> {
  try {
    const { result } = await syncWalletPassWorkflow(container as MedusaContainer).run({ input })
    return result
  } catch (e) {
    const error = `the sync did not complete: ${(e as Error).message}`
    await markWalletPassOutOfDateWorkflow(container as MedusaContainer).run({ input: { account_id: input.account_id, error } })
    return { account_id: input.account_id, status: "failed", error }
  }
}
