import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { loadRewardStep } from "../steps/load-reward"
import { updateRewardStep } from "../steps/update-reward"
import { type RewardInput, validateRewardStep } from "../steps/validate-reward"

export const updateRewardWorkflowId = "update-loyalty-reward"

/**
 * Changes a reward. Redemptions already reserved keep the terms they were made with.
 *
 * @example
 * await updateRewardWorkflow(container).run({ input: { id, update: { is_active: false } } })
 */
export const updateRewardWorkflow = createWorkflow(updateRewardWorkflowId, (input: { id: string; update: RewardInput }) => {
  const current = loadRewardStep(input)
  validateRewardStep({ reward: input.update, current })
  return new WorkflowResponse(updateRewardStep(input))
})
