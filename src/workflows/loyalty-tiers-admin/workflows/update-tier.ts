import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { loadTierStep } from "../steps/load-tier"
import { updateTierStep } from "../steps/update-tier"
import { type LoyaltyTierInput, validateTierStep } from "../steps/validate-tier"

export const updateTierWorkflowId = "update-loyalty-tier"

/**
 * Changes a tier: only the fields given; its names and perks are replaced whole.
 *
 * @example
 * await updateTierWorkflow(container).run({ input: { id, update: { multiplier: 2 } } })
 */
export const updateTierWorkflow = createWorkflow(updateTierWorkflowId, (input: { id: string; update: LoyaltyTierInput }) => {
  const current = loadTierStep(input)
  validateTierStep(transform({ input, current }, ({ input, current }) => ({ tier: input.update, program_id: current.program_id, id: input.id })))
  return new WorkflowResponse(updateTierStep(input))
})
