import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { LoyaltyEvents } from "../../../modules/loyalty/events"
import { expireDueLotsStep } from "../steps/expire-due-lots"

/**
 * Expires an account's due points (expiry at or before `now`, ISO; default: when it runs) and
 * emits `loyalty.points_expired` per expired lot.
 *
 * @example
 * await expireAccountPointsWorkflow(container).run({ input: { account_id } })
 */
export const expireAccountPointsWorkflow = createWorkflow(
  "expire-account-loyalty-points",
  (input: { account_id: string; now?: string }) => {
    const expired = expireDueLotsStep(input)
    emitEventStep({
      eventName: LoyaltyEvents.POINTS_EXPIRED,
      data: transform({ expired }, ({ expired }) =>
        expired.map((c) => ({
          id: c.entry.id,
          account_id: c.entry.account_id,
          customer_id: c.customer_id,
          points: c.entry.points,
          balance: c.balance,
        }))
      ),
    })
    return new WorkflowResponse(expired)
  }
)
