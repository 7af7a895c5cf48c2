import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { LoyaltyEvents } from "../../../modules/loyalty/events"
import { returnReverseKey } from "../keys"
import { findOrderEarnEntryStep } from "../steps/find-order-earn-entry"
import { resolveReturnPointsStep } from "../steps/resolve-return-points"
import { reversePartOfEntryStep } from "../steps/reverse-part-of-entry"

export const reverseReturnPointsWorkflowId = "reverse-return-loyalty-points"

export type ReverseReturnPointsWorkflowInput = { order_id: string; return_id: string }

/**
 * Runs on `order.return_received`: takes back the points the received items earned (their
 * share of the order's earned points), never below zero. Idempotent on the return id; a later
 * cancellation takes back only what is left.
 *
 * @example
 * await reverseReturnPointsWorkflow(container).run({ input: { order_id, return_id } })
 */
export const reverseReturnPointsWorkflow = createWorkflow(
  reverseReturnPointsWorkflowId,
  (input: ReverseReturnPointsWorkflowInput) => {
    const earned = findOrderEarnEntryStep(input)
    const due = resolveReturnPointsStep(transform({ input, earned }, ({ input, earned }) => ({ order_id: input.order_id, earned })))
    const reversal = reversePartOfEntryStep(
      transform({ input, earned, due }, ({ input, earned, due }) =>
        earned && due.points > 0
          ? {
              entry_id: earned.entry_id,
              points: due.points,
              idempotency_key: returnReverseKey(input.return_id),
              source_type: "return" as const,
              source_id: input.return_id,
              reason: "Items returned",
            }
          : null
      )
    )
    when("if-return-points-reversed", { reversal }, ({ reversal }) => !!reversal?.created).then(() => {
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
          return_id: input.return_id,
        })),
      })
    })
    return new WorkflowResponse(reversal)
  }
)
