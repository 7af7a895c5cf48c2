import { ContainerRegistrationKeys, PromotionActions } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { updateCartPromotionsWorkflow } from "@medusajs/medusa/core-flows"
import { refusal } from "../../../modules/loyalty/lib/refusal"

/**
 * Marks RewardFlow's own calls of Medusa's cart-promotion workflow, so its validate hook
 * (hooks/loyalty-codes-on-carts) leaves them to the redemption workflows that make them.
 */
export const BY_REWARDFLOW = { rewardflow_redemption: true } as const

const LOCK_REFUSED = /failed to acquire lock|timed-out acquiring lock/i

/**
 * Runs Medusa's cart-promotion workflow for a redemption. A cart another change holds (a
 * checkout running) is refused with `cart_busy` (try again), and one that was completed
 * meanwhile with `cart_completed` and its order, instead of Medusa's own lock or "already
 * completed" errors, which carry no reason.
 */
export async function runCartPromotions(
  container: { resolve: (key: string) => any },
  input: { cart_id: string; promo_codes: string[]; action: string }
): Promise<void> {
  try {
    await updateCartPromotionsWorkflow(container as any).run({ input: { ...input, action: input.action as any, ...BY_REWARDFLOW } })
  } catch (e) {
    const message = String((e as Error)?.message ?? "")
    if (LOCK_REFUSED.test(message)) {
      throw refusal("cart_busy", `Cart ${input.cart_id} is busy with another change (a checkout?): try again in a moment`, {
        cart_id: input.cart_id,
        retry_after_ms: 1000,
      })
    }
    const state = await cartPromotionState(container, input.cart_id).catch(() => null)
    if (state?.completed) throw await completedRefusal(container, input.cart_id)
    throw e
  }
}

async function completedRefusal(container: { resolve: (key: string) => any }, cartId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [link] } = await query.graph({ entity: "order_cart", fields: ["order_id"], filters: { cart_id: cartId } })
  return refusal(
    "cart_completed",
    `Cart ${cartId} was completed${link?.order_id ? ` (order ${link.order_id})` : ""}: the reward is part of the order, and its points come back only if the order is canceled`,
    { cart_id: cartId, order_id: link?.order_id ?? null }
  )
}

export const removePromotionCodeStepId = "remove-redemption-promotion-code"

/** The promotion codes a cart carries now. */
export async function cartPromotionCodes(container: { resolve: (key: string) => any }, cartId: string): Promise<string[]> {
  return (await cartPromotionState(container, cartId)).codes
}

async function cartPromotionState(container: { resolve: (key: string) => any }, cartId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [cart] } = await query.graph({ entity: "cart", fields: ["id", "completed_at", "promotions.code"], filters: { id: cartId } })
  return {
    completed: !!cart?.completed_at,
    codes: (cart?.promotions ?? []).map((p: { code?: string }) => p?.code).filter(Boolean) as string[],
  }
}

/**
 * Takes a redemption's code off its cart when the cart still carries it. A completed cart is
 * refused: its order keeps the discount, so its points are the order's (they come back only if
 * the order is canceled). A completion that starts meanwhile holds the cart's lock, so Medusa's
 * own cart-promotion workflow, which takes that lock and refuses a completed cart, cannot take
 * the code off an order either. Compensation puts the code back.
 *
 * @example
 * removePromotionCodeStep({ cart_id, code })
 */
export const removePromotionCodeStep = createStep(
  removePromotionCodeStepId,
  async (input: { cart_id: string; code: string | null; leave_code?: boolean }, { container }) => {
    // Medusa's own promotion workflow is taking the code off (see hooks/loyalty-codes-on-carts).
    if (input.leave_code) return new StepResponse(false, null)
    const cart = await cartPromotionState(container, input.cart_id)
    if (cart.completed) throw await completedRefusal(container, input.cart_id)
    if (!input.code || !cart.codes.includes(input.code)) {
      return new StepResponse(false, null)
    }
    await runCartPromotions(container, { cart_id: input.cart_id, promo_codes: [input.code], action: PromotionActions.REMOVE })
    return new StepResponse(true, input)
  },
  async (input, { container }) => {
    if (!input?.code) return
    await runCartPromotions(container, { cart_id: input.cart_id, promo_codes: [input.code], action: PromotionActions.ADD })
  }
)
