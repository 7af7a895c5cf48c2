import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createHook, createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { LoyaltyEvents } from "../../../modules/loyalty/events"
import { applyPromotionCodeStep } from "../steps/apply-promotion-code"
import { attachRedemptionPromotionStep } from "../steps/attach-redemption-promotion"
import { createRedemptionPromotionStep } from "../steps/create-redemption-promotion"
import { findRedemptionReplayStep } from "../steps/find-redemption-replay"
import { loadRedemptionCartStep } from "../steps/load-redemption-cart"
import { reserveRedemptionStep } from "../steps/reserve-redemption"

export const applyRewardToCartWorkflowId = "apply-loyalty-reward-to-cart"

export type ApplyRewardToCartWorkflowInput = {
  cart_id: string
  customer_id: string
  /** The reward to redeem... */
  reward_id?: string
  /** ...or a number of points to pay with (points as money). */
  points?: number
  /** Idempotency-Key of the request: a replay returns the first redemption. */
  idempotency_key?: string
}

/**
 * Spends points on a cart: answers a replayed Idempotency-Key with the first redemption
 * (whatever the cart has become since), otherwise reserves them under the account lock, creates a single-use
 * promotion bound to the cart, applies its code and marks the redemption reserved. Every
 * step compensates, so a failure leaves no points reserved and no promotion behind.
 * The points are spent when the order is placed, or given back when the shopper removes
 * the reward or abandons the cart.
 *
 * @example
 * const { result } = await applyRewardToCartWorkflow(container).run({ input: { cart_id, customer_id, reward_id } })
 */
export const applyRewardToCartWorkflow = createWorkflow(
  applyRewardToCartWorkflowId,
  (input: ApplyRewardToCartWorkflowInput) => {
    // A replayed Idempotency-Key answers with the first redemption before the cart is read:
    // the cart may have been completed since (the order was placed) or changed.
    const replay = findRedemptionReplayStep(input)
    const reserved = when("if-not-a-replay", { replay }, ({ replay }) => !replay).then(() => {
      const { cart, account_id } = loadRedemptionCartStep(input)
      return reserveRedemptionStep(
        transform({ input, cart, account_id }, ({ input, cart, account_id }) => ({
          account_id,
          cart,
          reward_id: input.reward_id,
          points: input.points,
          idempotency_key: input.idempotency_key,
          actor: { customer_id: input.customer_id },
        }))
      )
    })

    // Not nested in the branch above: the SDK does not compose a "when" inside another.
    const applied = when("if-newly-reserved", { reserved }, ({ reserved }) => !!reserved?.created).then(() => {
      const promotion = createRedemptionPromotionStep(
        transform({ reserved, input }, ({ reserved, input }) => ({
          redemption_id: reserved!.redemption.id,
          cart_id: input.cart_id,
          code: reserved!.redemption.promotion_code!,
          plan: reserved!.plan!,
        }))
      )
      applyPromotionCodeStep(
        transform({ promotion, input, reserved }, ({ promotion, input, reserved }) => ({
          cart_id: input.cart_id,
          code: promotion.code,
          target_type: reserved!.plan!.application_method.target_type,
        }))
      )
      const redemption = attachRedemptionPromotionStep(
        transform({ reserved, promotion }, ({ reserved, promotion }) => ({ redemption_id: reserved!.redemption.id, promotion_id: promotion.id }))
      )
      emitEventStep({
        eventName: LoyaltyEvents.POINTS_RESERVED,
        data: transform({ reserved, input }, ({ reserved, input }) => ({
          id: reserved!.redemption.reserve_entry_id,
          account_id: reserved!.redemption.account_id,
          customer_id: input.customer_id,
          points: reserved!.redemption.points,
          balance: reserved!.balance,
          redemption_id: reserved!.redemption.id,
          cart_id: input.cart_id,
          reward_id: reserved!.redemption.reward_id,
        })),
      })
      return redemption
    })

    const result = transform({ applied, reserved, replay }, ({ applied, reserved, replay }) => ({
      redemption: (applied ?? reserved?.redemption ?? replay)!,
      /** True when the idempotency key was seen before: nothing was reserved again. */
      replayed: !!replay || !reserved?.created,
    }))
    const rewardApplied = createHook("rewardApplied", { redemption: result.redemption, cart_id: input.cart_id })
    return new WorkflowResponse(result, { hooks: [rewardApplied] })
  }
)
