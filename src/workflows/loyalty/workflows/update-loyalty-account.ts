import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updateAccountStep, type UpdateAccountStepInput } from "../steps/update-account"

export const updateLoyaltyAccountWorkflowId = "update-loyalty-account"

export type UpdateLoyaltyAccountWorkflowInput = UpdateAccountStepInput

/**
 * Blocks or unblocks an account, or changes its locale. A blocked account earns nothing and
 * cannot spend; its points stay on the ledger.
 *
 * @example
 * await updateLoyaltyAccountWorkflow(container).run({ input: { id, status: "blocked" } })
 */
export const updateLoyaltyAccountWorkflow = createWorkflow(
  updateLoyaltyAccountWorkflowId,
  (input: UpdateLoyaltyAccountWorkflowInput) => new WorkflowResponse(updateAccountStep(input))
)
