import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { randomUUID } from "node:crypto"
import { LoyaltyEvents } from "../../../modules/loyalty/events"
import { orderLockKey } from "../../loyalty/keys"
import { emitLoyaltyEventsStep, type LoyaltyEventMessage } from "../../loyalty/steps/emit-loyalty-events"
import { ORDER_LOCK } from "../../loyalty/workflows/settle-order-loyalty"
import { matureOrderPointsStep } from "../steps/mature-order-points"

export const matureOrderPointsWorkflowId = "mature-order-points"

export type MatureOrderPointsWorkflowInput = {
  account_id: string
  order_id: string
  /** The clock of the pending period (ISO string; default: now). */
  now?: string
}

/**
 * Makes an order's pending points spendable once the program's pending period after the order
 * is over, under the order's lock (so it never interleaves with the order coordinator), and
 * emits `loyalty.points_earned` with `type: "mature"`: the shopper's points-earned mail goes
 * now, not when the order was placed. Running it again writes nothing and emits nothing.
 *
 * @example
 * await matureOrderPointsWorkflow(container).run({ input: { account_id, order_id } })
 */
export const matureOrderPointsWorkflow = createWorkflow(matureOrderPointsWorkflowId, (input: MatureOrderPointsWorkflowInput) => {
  const lock = transform({ input }, ({ input }) => ({
    key: orderLockKey(input.order_id),
    ownerId: `${orderLockKey(input.order_id)}:${randomUUID()}`,
  }))
  acquireLockStep({ key: lock.key, ownerId: lock.ownerId, timeout: ORDER_LOCK.timeout, ttl: ORDER_LOCK.ttl, executeOnSubWorkflow: true })
  const matured = matureOrderPointsStep(input)
  releaseLockStep({ key: lock.key, ownerId: lock.ownerId, executeOnSubWorkflow: true })
  const events = transform({ matured, input }, ({ matured, input }): LoyaltyEventMessage[] => {
    const change = matured.change
    if (!change?.created) return []
    const e = change.entry
    return [
      {
        name: LoyaltyEvents.POINTS_EARNED,
        data: { id: e.id, account_id: e.account_id, customer_id: matured.customer_id, type: "mature", points: e.points, balance: change.balance, points_owed: change.points_owed, order_id: input.order_id },
      },
    ]
  })
  emitLoyaltyEventsStep(events)
  return new WorkflowResponse(
    transform({ matured }, ({ matured }) => ({
      entry: matured.change?.created ? matured.change.entry : null,
      balance: matured.change?.balance ?? null,
    }))
  )
})
