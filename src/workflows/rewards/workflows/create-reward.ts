import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { getDefaultProgramStep } from "../../loyalty/steps/get-default-program"
import { createRewardStep } from "../steps/create-reward"
import { type RewardInput, validateRewardStep } from "../steps/validate-reward"

export const createRewardWorkflowId = "create-loyalty-reward"

/**
 * Adds a reward to the store's program catalog.
 *
 * @example
 * const { result } = await createRewardWorkflow(container).run({ input: { name: { en: "5 EUR off" }, points_cost: 500, type: "fixed_amount", amounts: { eur: 5 } } })
 */
export const createRewardWorkflow = createWorkflow(createRewardWorkflowId, (input: RewardInput) => {
  validateRewardStep({ reward: input })
  const program = getDefaultProgramStep()
  const reward = createRewardStep(transform({ input, program }, ({ input, program }) => ({ ...input, program_id: program.id })))
  return new WorkflowResponse(reward)
})
