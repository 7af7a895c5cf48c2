import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE, type RewardDTO } from "../../../modules/loyalty"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import type { RewardInput } from "./validate-reward"

export const updateRewardStepId = "update-loyalty-reward"

/**
 * Updates a reward. Compensation writes back the fields it changed.
 *
 * @example
 * const reward = updateRewardStep({ id, update: { points_cost: 400 } })
 */
export const updateRewardStep = createStep(
  updateRewardStepId,
  async (input: { id: string; update: RewardInput }, { container }) => {
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    const before = (await loyalty.retrieveLoyaltyReward(input.id)) as unknown as RewardDTO
    const reward = (await loyalty.updateReward(input.id, input.update)) as unknown as RewardDTO
    const previous = Object.fromEntries(Object.keys(input.update).map((k) => [k, (before as any)[k]]))
    return new StepResponse(reward, { id: input.id, ...previous })
  },
  async (previous, { container }) => {
    if (!previous) return
    const { id, ...fields } = previous
    await (container.resolve(LOYALTY_MODULE) as LoyaltyModuleService).updateReward(id, fields)
  }
)
