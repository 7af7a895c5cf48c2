import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE, type RewardDTO } from "../../../modules/loyalty"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import type { RewardInput } from "./validate-reward"

export const createRewardStepId = "create-loyalty-reward"

/**
 * Creates a reward in a program. Compensation deletes it.
 *
 * @example
 * const reward = createRewardStep({ ...input, program_id })
 */
export const createRewardStep = createStep(
  createRewardStepId,
  async (input: RewardInput & { program_id: string }, { container }) => {
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    const reward = (await loyalty.createLoyaltyRewards(input as any)) as unknown as RewardDTO
    return new StepResponse(reward, reward.id)
  },
  async (id, { container }) => {
    if (!id) return
    await (container.resolve(LOYALTY_MODULE) as LoyaltyModuleService).deleteLoyaltyRewards(id)
  }
)
