import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { LoyaltyEvents } from "../../../modules/loyalty/events"
import { refundOrderRedemptionsStep } from "../steps/refund-order-redemptions"

export const refundOrderRedemptionsWorkflowId = "refund-loyalty-order-redemptions"

/**
 * Runs on `order.canceled`, before the order's earned points are reversed: the points the
 * shopper spent on the order come back, so the reversal is measured against them.
 *
 * @example
 * await refundOrderRedemptionsWorkflow(container).run({ input: { order_id } })
 */
export const refundOrderRedemptionsWorkflow = createWorkflow(
  refundOrderRedemptionsWorkflowId,
  (input: { order_id: string; reason?: string }) => {
    const refunded = refundOrderRedemptionsStep(input)
    emitEventStep({
      eventName: LoyaltyEvents.POINTS_REVERSED,
      data: transform({ refunded, input }, ({ refunded, input }) =>
        refunded.map((r) => ({
          id: r.entry.entry.id,
          account_id: r.redemption.account_id,
          customer_id: r.customer_id,
          points: r.entry.entry.points,
          shortfall: 0,
          balance: r.entry.balance,
          order_id: input.order_id,
          redemption_id: r.redemption.id,
        }))
      ),
    })
    return new WorkflowResponse(refunded)
  }
)
