import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { ensureWalletPassStep } from "../steps/ensure-wallet-pass"
import { signWalletSaveLinkStep } from "../steps/sign-wallet-save-link"

export const createWalletSaveLinkWorkflowId = "create-wallet-save-link"

export type CreateWalletSaveLinkWorkflowInput = { account_id: string }

/**
 * Issues the account's pass (once) and returns its "Add to Google Wallet" link
 * (`https://pay.google.com/gp/v/save/<jwt>`).
 *
 * @example
 * const { result } = await createWalletSaveLinkWorkflow(container).run({ input: { account_id } })
 * // result.url
 */
export const createWalletSaveLinkWorkflow = createWorkflow(
  createWalletSaveLinkWorkflowId,
  (input: CreateWalletSaveLinkWorkflowInput) => {
    ensureWalletPassStep(input)
    return new WorkflowResponse(signWalletSaveLinkStep(input))
  }
)
