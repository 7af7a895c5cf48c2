import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE, type LedgerActor } from "../../../modules/loyalty"
import type LoyaltyModuleService from "../../../modules/loyalty/service"

export const releaseRedemptionStepId = "release-redemption"

/**
 * Gives a redemption's reserved points back (a `release` entry). Idempotent. Last step of
 * the release workflow: the code is already off the cart and the promotion inactive, so a
 * shopper never holds both the points and the discount.
 *
 * @example
 * const released = releaseRedemptionStep({ redemption_id, reason: "Removed by the shopper" })
 */
export const releaseRedemptionStep = createStep(
  releaseRedemptionStepId,
  async (input: { redemption_id: string; reason: string; actor?: LedgerActor }, { container }) => {
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    return new StepResponse(await loyalty.releaseRedemption(input))
  }
)
