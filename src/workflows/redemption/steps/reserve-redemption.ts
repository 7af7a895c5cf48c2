import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE } from "../../../modules/loyalty"
import type { ReserveRedemptionInput } from "../../../modules/loyalty/lib/redemption-store"
import type LoyaltyModuleService from "../../../modules/loyalty/service"

export const reserveRedemptionStepId = "reserve-redemption"

/**
 * Reserves the points of a redemption under the account lock (pending redemption + `reserve`
 * entry). Compensation gives the points back and frees the idempotency key, so a failed
 * apply leaves no points reserved and can be retried with the same key.
 *
 * @example
 * const reserved = reserveRedemptionStep({ account_id, cart, reward_id, idempotency_key })
 */
export const reserveRedemptionStep = createStep(
  reserveRedemptionStepId,
  async (input: ReserveRedemptionInput, { container }) => {
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    const result = await loyalty.reserveRedemption(input)
    return new StepResponse(result, result.created ? result.redemption.id : null)
  },
  async (redemptionId, { container }) => {
    if (!redemptionId) return
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    await loyalty.releaseRedemption({ redemption_id: redemptionId, reason: "Applying the reward failed", free_key: true })
  }
)
