import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE, type RewardDTO } from "../../../modules/loyalty"
import type LoyaltyModuleService from "../../../modules/loyalty/service"

export const loadRewardStepId = "load-loyalty-reward"

/**
 * Loads a reward (404 when there is none).
 *
 * @example
 * const reward = loadRewardStep({ id })
 */
export const loadRewardStep = createStep(loadRewardStepId, async (input: { id: string }, { container }) => {
  const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
  return new StepResponse((await loyalty.retrieveLoyaltyReward(input.id)) as unknown as RewardDTO)
})
