import { ContainerRegistrationKeys, PromotionActions } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { updateCartPromotionsWorkflow } from "@medusajs/medusa/core-flows"

export const removePromotionCodeStepId = "remove-redemption-promotion-code"

/** The promotion codes a cart carries now. */
export async function cartPromotionCodes(container: { resolve: (key: string) => any }, cartId: string): Promise<string[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [cart] } = await query.graph({ entity: "cart", fields: ["id", "completed_at", "promotions.code"], filters: { id: cartId } })
  return (cart?.promotions ?? []).map((p: { code?: string }) => p?.code).filter(Boolean)
}

/**
 * Takes a redemption's code off its cart (when the cart still carries it and is not
 * completed). Compensation puts it back.
 *
 * @example
 * removePromotionCodeStep({ cart_id, code })
 */
export const removePromotionCodeStep = createStep(
  removePromotionCodeStepId,
  async (input: { cart_id: string; code: string | null }, { container }) => {
    if (!input.code || !(await cartPromotionCodes(container, input.cart_id)).includes(input.code)) {
      return new StepResponse(false, null)
    }
    await updateCartPromotionsWorkflow(container).run({
      input: { cart_id: input.cart_id, promo_codes: [input.code], action: PromotionActions.REMOVE as any },
    })
    return new StepResponse(true, input)
  },
  async (input, { container }) => {
    if (!input?.code) return
    await updateCartPromotionsWorkflow(container).run({
      input: { cart_id: input.cart_id, promo_codes: [input.code], action: PromotionActions.ADD as any },
    })
  }
)
