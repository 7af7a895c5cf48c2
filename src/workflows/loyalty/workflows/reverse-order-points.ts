import { emitEventStep } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { LoyaltyEvents } from "../../../modules/loyalty/events"
import { orderReverseKey } from "../keys"
import { findOrderEarnEntryStep } from "../steps/find-order-earn-entry"
import { reverseEntryStep } from "../steps/reverse-entry"

export const reverseOrderPointsWorkflowId = "reverse-order-loyalty-points"

export type ReverseOrderPointsWorkflowInput = { order_id: string; reason?: string }

/**
 * Takes back the points an order earned (on cancellation). Points already spent are not
 * clawed below zero: the entry records the shortfall and the balance stays at 0.
 * Idempotent on the order id.
 *
 * @example
 * await reverseOrderPointsWorkflow(container).run({ input: { order_id: "order_123" } })
 */
export const reverseOrderPointsWorkflow = createWorkflow(
  reverseOrderPointsWorkflowId,
  (input: ReverseOrderPointsWorkflowInput) => {
    const earned = findOrderEarnEntryStep(input)
    const reversal = reverseEntryStep(
      transform({ earned, input }, ({ earned, input }) =>
        earned
          ? {
              entry_id: earned.entry_id,
              idempotency_key: orderReverseKey(input.order_id),
              type: "reverse" as const,
              source_type: "order" as const,
              source_id: input.order_id,
              reason: input.reason ?? "Order canceled",
            }
          : null
      )
    )

    when("if-points-reversed", { reversal }, ({ reversal }) => !!reversal?.created).then(() => {
      emitEventStep({
        eventName: LoyaltyEvents.POINTS_REVERSED,
        data: transform({ reversal, earned, input }, ({ reversal, earned, input }) => ({
          id: reversal!.entry.id,
          account_id: reversal!.entry.account_id,
          customer_id: earned!.customer_id,
          points: reversal!.entry.points,
          shortfall: reversal!.entry.shortfall,
          balance: reversal!.balance,
          order_id: input.order_id,
        })),
      })
    })

    return new WorkflowResponse(reversal)
  }
)
