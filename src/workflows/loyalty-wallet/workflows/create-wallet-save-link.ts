import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { SAVE_LINK_LOCK_WAIT_SECONDS, SYNC_LOCK_TTL_SECONDS, walletPassLockKey } from "../../../modules/loyalty-wallet/lib/sync-policy"
import { ensureWalletPassStep } from "../steps/ensure-wallet-pass"
import { pushWalletPassStep } from "../steps/push-wallet-pass"
import { recordWalletClassStep } from "../steps/record-wallet-class"
import { recordWalletPassSyncStep } from "../steps/record-wallet-pass-sync"
import { signWalletSaveLinkStep } from "../steps/sign-wallet-save-link"

export const createWalletSaveLinkWorkflowId = "create-wallet-save-link"

export type CreateWalletSaveLinkWorkflowInput = { account_id: string }

/**
 * Issues the account's pass (once), writes its class and object through the Wallet REST API,
 * and returns the "Add to Google Wallet" link (`https://pay.google.com/gp/v/save/<jwt>`) whose
 * short JWT names that object. When Google's API cannot be reached, the link carries the whole
 * pass instead and the pass is left out of date for the retry job.
 *
 * @example
 * const { result } = await createWalletSaveLinkWorkflow(container).run({ input: { account_id } })
 * // result.url
 */
export const createWalletSaveLinkWorkflow = createWorkflow(
  createWalletSaveLinkWorkflowId,
  (input: CreateWalletSaveLinkWorkflowInput) => {
    const key = transform({ input }, ({ input }) => walletPassLockKey(input.account_id))
    acquireLockStep({ key, timeout: SAVE_LINK_LOCK_WAIT_SECONDS, ttl: SYNC_LOCK_TTL_SECONDS })
    ensureWalletPassStep(input)
    const push = pushWalletPassStep(transform({ input }, ({ input }) => ({ account_id: input.account_id, trigger: "save_link" })))
    recordWalletClassStep(push)
    recordWalletPassSyncStep(push)
    releaseLockStep({ key })
    const link = signWalletSaveLinkStep(transform({ input, push }, ({ input, push }) => ({ account_id: input.account_id, push })))
    return new WorkflowResponse(link)
  }
)
