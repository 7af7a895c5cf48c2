import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { validateWalletSetupStep } from "../steps/validate-wallet-setup"

export const validateWalletSetupWorkflowId = "validate-wallet-setup"

/**
 * Reports, check by check, whether the Google Wallet setup works.
 *
 * @example
 * const { result } = await validateWalletSetupWorkflow(container).run()
 * // result.checks: [{ id: "token", ok: false, message: "...", fix: "..." }, ...]
 */
export const validateWalletSetupWorkflow = createWorkflow(validateWalletSetupWorkflowId, () => {
  return new WorkflowResponse(validateWalletSetupStep())
})
