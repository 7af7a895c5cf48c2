import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { getDefaultProgramStep } from "../../loyalty/steps/get-default-program"
import { createTierStep } from "../steps/create-tier"
import { type LoyaltyTierInput, validateTierStep } from "../steps/validate-tier"

export const createTierWorkflowId = "create-loyalty-tier"

/**
 * Adds a tier to the store's program.
 *
 * @example
 * const { result } = await createTierWorkflow(container).run({ input: { name: { en: "Gold", fr: "Or" }, threshold: 1000, multiplier: 1.5 } })
 */
export const createTierWorkflow = createWorkflow(createTierWorkflowId, (input: LoyaltyTierInput) => {
  const program = getDefaultProgramStep()
  validateTierStep(transform({ input, program }, ({ input, program }) => ({ tier: input, program_id: program.id })))
  const tier = createTierStep(transform({ input, program }, ({ input, program }) => ({ ...input, program_id: program.id })))
  return new WorkflowResponse(tier)
})
