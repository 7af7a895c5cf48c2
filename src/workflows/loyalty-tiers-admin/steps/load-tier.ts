import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE } from "../../../modules/loyalty"
import type LoyaltyModuleService from "../../../modules/loyalty/service"

export const loadTierStepId = "load-loyalty-tier"

/**
 * Loads a tier (404 when there is none).
 *
 * @example
 * const tier = loadTierStep({ id })
 */
export const loadTierStep = createStep(loadTierStepId, async (input: { id: string }, { container }) => {
  const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
  return new StepResponse((await loyalty.retrieveLoyaltyTier(input.id)) as Record<string, any>)
})
