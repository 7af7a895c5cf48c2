import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { LoyaltyEvents } from "../../../modules/loyalty/events"
import { captureOrderRedemptionsStep } from "../steps/capture-order-redemptions"
import { deactivatePromotionStep } from "../steps/deactivate-promotion"

export const captureOrderRedemptionsWorkflowId = "capture-loyalty-order-redemptions"

/**
 * Runs on `order.placed`: the points reserved on the order's cart are spent (`redeem`),
 * the redemptions link to the order and their promotions are deactivated. Reservations the
 * order was placed without are released.
 *
 * @example
 * await captureOrderRedemptionsWorkflow(container).run({ input: { order_id } })
 */
export const captureOrderRedemptionsWorkflow = createWorkflow(
  captureOrderRedemptionsWorkflowId,
  (input: { order_id: string }) => {
    const result = captureOrderRedemptionsStep(input)
    deactivatePromotionStep(
      transform({ result }, ({ result }) => ({
        promotion_ids: [...result.captured.map((c) => c.redemption.promotion_id), ...result.released.map((r) => r.promotion_id)],
        // A pending redemption (crash before its promotion id was recorded) is found by its code.
        promotion_codes: [...result.captured.map((c) => c.redemption.promotion_code), ...result.released.map((r) => r.promotion_code)],
      }))
    )
    emitEventStep({
      eventName: LoyaltyEvents.POINTS_REDEEMED,
      data: transform({ result, input }, ({ result, input }) =>
        result.captured
          .filter((c) => c.created)
          .map((c) => ({
            id: c.redemption.id,
            account_id: c.redemption.account_id,
            customer_id: c.customer_id,
            points: c.redemption.points,
            balance: c.balance,
            order_id: input.order_id,
            reward_id: c.redemption.reward_id,
          }))
      ),
    })
    return new WorkflowResponse(result)
  }
)
