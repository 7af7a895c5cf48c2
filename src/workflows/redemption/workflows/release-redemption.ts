import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { LedgerActor } from "../../../modules/loyalty"
import { LoyaltyEvents } from "../../../modules/loyalty/events"
import { deactivatePromotionStep } from "../steps/deactivate-promotion"
import { loadRedemptionStep } from "../steps/load-redemption"
import { releaseRedemptionStep } from "../steps/release-redemption"
import { removePromotionCodeStep } from "../steps/remove-promotion-code"

export const releaseRedemptionWorkflowId = "release-loyalty-redemption"

export type ReleaseRedemptionWorkflowInput = {
  redemption_id: string
  reason: string
  /** When given, the redemption must be on this cart and belong to this customer. */
  cart_id?: string
  customer_id?: string
  actor?: LedgerActor
  /**
   * The code is leaving the cart already (Medusa's own promotion workflow takes it off): only
   * the promotion is deactivated and the points released.
   */
  leave_code?: boolean
}

/**
 * Takes a reward off a cart and gives its points back: the code leaves the cart, the
 * promotion is deactivated, then the points are released, in that order, so a shopper
 * never holds both. Idempotent: releasing a released redemption changes nothing.
 *
 * @example
 * await releaseRedemptionWorkflow(container).run({ input: { redemption_id, reason: "Removed by the shopper", cart_id, customer_id } })
 */
export const releaseRedemptionWorkflow = createWorkflow(
  releaseRedemptionWorkflowId,
  (input: ReleaseRedemptionWorkflowInput) => {
    const { redemption, customer_id } = loadRedemptionStep(input)
    const open = transform({ redemption }, ({ redemption }) => ["pending", "reserved"].includes(redemption.status))
    const released = when("if-open", { open }, ({ open }) => open).then(() => {
      removePromotionCodeStep(
        transform({ redemption, input }, ({ redemption, input }) => ({ cart_id: redemption.cart_id, code: redemption.promotion_code, leave_code: input.leave_code }))
      )
      // By code too: a crash before the redemption recorded its promotion left only the code.
      deactivatePromotionStep(
        transform({ redemption }, ({ redemption }) => ({ promotion_ids: [redemption.promotion_id], promotion_codes: [redemption.promotion_code] }))
      )
      const result = releaseRedemptionStep(
        transform({ redemption, input }, ({ redemption, input }) => ({ redemption_id: redemption.id, reason: input.reason, actor: input.actor }))
      )
      return result
    })
    // Not nested in the branch above: the SDK does not compose a "when" inside another.
    when("if-points-released", { released }, ({ released }) => !!released?.entry?.created).then(() => {
      emitEventStep({
        eventName: LoyaltyEvents.POINTS_RELEASED,
        data: transform({ released, customer_id }, ({ released, customer_id }) => ({
          id: released!.entry!.entry.id,
          account_id: released!.redemption.account_id,
          customer_id,
          points: released!.redemption.points,
          balance: released!.entry!.balance,
          redemption_id: released!.redemption.id,
          cart_id: released!.redemption.cart_id,
          reward_id: released!.redemption.reward_id,
        })),
      })
    })
    return new WorkflowResponse(transform({ released, redemption }, ({ released, redemption }) => released?.redemption ?? redemption))
  }
)
