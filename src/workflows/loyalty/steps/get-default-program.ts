import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE } from "../../../modules/loyalty"
import type LoyaltyModuleService from "../../../modules/loyalty/service"

export const getDefaultProgramStepId = "get-default-loyalty-program"

/**
 * The store's loyalty program (created with defaults the first time).
 *
 * @example
 * const program = getDefaultProgramStep()
 */
export const getDefaultProgramStep = createStep(getDefaultProgramStepId, async (_, { container }) => {
  const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
  const program = await loyalty.getOrCreateDefaultProgram()
  return new StepResponse(program)
})
