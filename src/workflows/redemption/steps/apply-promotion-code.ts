import { PromotionActions } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { cartPromotionCodes, runCartPromotions } from "./remove-promotion-code"
import { refusal } from "../../../modules/loyalty/lib/refusal"

export const applyPromotionCodeStepId = "apply-redemption-promotion-code"

/**
 * Adds the redemption's code to the cart through Medusa's own cart-promotion workflow, then
 * checks that the cart really took it (Medusa skips codes whose rules the cart does not meet).
 * Compensation removes the code.
 *
 * @example
 * applyPromotionCodeStep({ cart_id, code })
 */
export const applyPromotionCodeStep = createStep(
  applyPromotionCodeStepId,
  async (input: { cart_id: string; code: string; target_type?: string }, { container }) => {
    const run = (action: string) => runCartPromotions(container, { cart_id: input.cart_id, promo_codes: [input.code], action })
    await run(PromotionActions.ADD)
    if (!(await cartPromotionCodes(container, input.cart_id)).includes(input.code)) {
      await run(PromotionActions.REMOVE)
      throw input.target_type === "shipping_methods"
        ? refusal("no_shipping_method", "Free shipping applies to the cart's shipping method: choose one first, then apply the reward")
        : refusal("nothing_to_discount", "The reward gives no discount on this cart: nothing in it qualifies")
    }
    return new StepResponse(input.code, input)
  },
  async (input, { container }) => {
    if (!input) return
    await runCartPromotions(container, { cart_id: input.cart_id, promo_codes: [input.code], action: PromotionActions.REMOVE })
  }
)
