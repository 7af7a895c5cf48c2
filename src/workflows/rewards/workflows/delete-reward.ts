import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deleteRewardStep } from "../steps/delete-reward"

export const deleteRewardWorkflowId = "delete-loyalty-reward"

/**
 * Removes a reward from the catalog (soft delete; redemptions keep their history).
 *
 * @example
 * await deleteRewardWorkflow(container).run({ input: { id } })
 */
export const deleteRewardWorkflow = createWorkflow(deleteRewardWorkflowId, (input: { id: string }) => {
  return new WorkflowResponse(deleteRewardStep(input))
})
