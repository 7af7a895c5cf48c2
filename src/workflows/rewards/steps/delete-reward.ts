import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE } from "../../../modules/loyalty"
import type LoyaltyModuleService from "../../../modules/loyalty/service"

export const deleteRewardStepId = "delete-loyalty-reward"

/**
 * Soft-deletes a reward: it leaves the catalog, while past redemptions keep pointing at it.
 * Compensation restores it.
 *
 * @example
 * deleteRewardStep({ id })
 */
export const deleteRewardStep = createStep(
  deleteRewardStepId,
  async (input: { id: string }, { container }) => {
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    await loyalty.retrieveLoyaltyReward(input.id)
    await loyalty.softDeleteLoyaltyRewards(input.id)
    return new StepResponse(input.id, input.id)
  },
  async (id, { container }) => {
    if (!id) return
    await (container.resolve(LOYALTY_MODULE) as LoyaltyModuleService).restoreLoyaltyRewards(id)
  }
)
