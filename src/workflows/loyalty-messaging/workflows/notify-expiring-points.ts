import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { LoyaltyEvents } from "../../../modules/loyalty/events"
import { findExpiringPointsStep, type FindExpiringPointsInput } from "../steps/find-expiring-points"
import { recordExpiryNoticesStep } from "../steps/record-expiry-notices"

export const notifyExpiringPointsWorkflowId = "notify-expiring-loyalty-points"

/**
 * Emits `loyalty.points_expiring` once per account and expiry day for points that expire
 * within the window; running it again announces nothing twice.
 *
 * @example
 * await notifyExpiringPointsWorkflow(container).run({ input: { within_days: 14 } })
 */
export const notifyExpiringPointsWorkflow = createWorkflow(notifyExpiringPointsWorkflowId, (input: FindExpiringPointsInput) => {
  const expiring = findExpiringPointsStep(input)
  const fresh = recordExpiryNoticesStep(expiring)
  const events = transform({ fresh }, ({ fresh }) =>
    fresh.map((e) => ({
      id: e.account_id,
      customer_id: e.customer_id,
      points: e.points,
      expires_at: e.expires_at,
      expires_on: e.expires_on,
      time_zone: e.time_zone,
      balance: e.balance,
    }))
  )
  emitEventStep({ eventName: LoyaltyEvents.POINTS_EXPIRING, data: events })
  return new WorkflowResponse(fresh)
})
