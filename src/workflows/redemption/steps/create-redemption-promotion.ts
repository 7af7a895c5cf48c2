import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { DiscountPlan } from "../../../modules/loyalty/lib/reward-discount"
import { REDEMPTION_METADATA_KEY } from "../keys"

export const createRedemptionPromotionStepId = "create-redemption-promotion"

export type CreateRedemptionPromotionInput = {
  redemption_id: string
  cart_id: string
  /** Chosen when the points were reserved, so a crash after the code reaches the cart is still traceable. */
  code: string
  plan: DiscountPlan
}

/**
 * Creates the single-use promotion (limit 1) that gives the redemption's discount, bound to
 * the cart by a rule on its id. Compensation deletes it.
 *
 * @example
 * const promotion = createRedemptionPromotionStep({ redemption_id, cart_id, plan })
 */
export const createRedemptionPromotionStep = createStep(
  createRedemptionPromotionStepId,
  async (input: CreateRedemptionPromotionInput, { container }) => {
    const promotions = container.resolve(Modules.PROMOTION)
    const [promotion] = await promotions.createPromotions([
      {
        code: input.code,
        type: "standard",
        status: "active",
        is_automatic: false,
        limit: 1,
        application_method: input.plan.application_method,
        rules: [{ attribute: "id", operator: "eq", values: [input.cart_id] }],
        metadata: { [REDEMPTION_METADATA_KEY]: input.redemption_id },
      } as any,
    ])
    return new StepResponse({ id: promotion.id, code: promotion.code! }, promotion.id)
  },
  async (promotionId, { container }) => {
    if (!promotionId) return
    await container.resolve(Modules.PROMOTION).deletePromotions([promotionId])
  }
)
