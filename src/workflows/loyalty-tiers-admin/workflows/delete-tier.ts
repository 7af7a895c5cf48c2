import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deleteTierStep } from "../steps/delete-tier"

export const deleteTierWorkflowId = "delete-loyalty-tier"

/**
 * Removes a tier nobody holds (soft delete; the tier history keeps its id).
 *
 * @example
 * await deleteTierWorkflow(container).run({ input: { id } })
 */
export const deleteTierWorkflow = createWorkflow(deleteTierWorkflowId, (input: { id: string }) => {
  return new WorkflowResponse(deleteTierStep(input))
})
