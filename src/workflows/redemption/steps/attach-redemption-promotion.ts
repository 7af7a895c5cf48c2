import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE } from "../../../modules/loyalty"
import type LoyaltyModuleService from "../../../modules/loyalty/service"

export const attachRedemptionPromotionStepId = "attach-redemption-promotion"

/**
 * Marks the redemption reserved with its promotion: from here the cart carries the reward.
 * Nothing to compensate: a failure before this leaves it pending, and the reserve step's
 * compensation releases it.
 *
 * @example
 * const redemption = attachRedemptionPromotionStep({ redemption_id, promotion_id })
 */
export const attachRedemptionPromotionStep = createStep(
  attachRedemptionPromotionStepId,
  async (input: { redemption_id: string; promotion_id: string }, { container }) => {
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    return new StepResponse(await loyalty.attachRedemptionPromotion(input.redemption_id, input.promotion_id))
  }
)
