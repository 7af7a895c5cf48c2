import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createHook, createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { randomUUID } from "node:crypto"
import { LoyaltyEvents } from "../../../modules/loyalty/events"
import { emitLoyaltyEventsStep, type LoyaltyEventMessage } from "../steps/emit-loyalty-events"
import { enrollCustomerStep } from "../steps/enroll-customer"
import { loadOrderLoyaltyStep } from "../steps/load-order-loyalty"
import { settleOrderPointsStep } from "../steps/settle-order-points"
import { settleOrderRedemptionsStep } from "../steps/settle-order-redemptions"
import { orderLockKey } from "../keys"

export const settleOrderLoyaltyWorkflowId = "settle-order-loyalty"

export type SettleOrderLoyaltyWorkflowInput = {
  order_id: string
  /** What made it run: the Medusa event ("order.placed", "order.canceled", ...) or "job". */
  trigger?: string
  /** The clock of the program's pending period (ISO string; default: now). */
  now?: string
}

/** How long a run waits for another run of the same order, and how long its lock lives (s). */
export const ORDER_LOCK = { timeout: 60, ttl: 120 }

/**
 * The one coordinator of an order's loyalty: award, capture, refund and every reversal of an
 * order run here, one at a time per order (Medusa's locking module, Redis-backed in
 * production), and each run reads the order as it is now before acting. So events that come
 * late, twice or out of order change nothing: a capture after a cancel releases, an award
 * after a cancel awards nothing, a return received in two passes takes back both.
 *
 * 1. the order's redemptions: spent when the order carries their code, released when it does
 *    not or when it was canceled, refunded when a canceled order had spent them;
 * 2. the order's points: brought to what it earns on what the shopper kept (a registered
 *    customer is enrolled first when the program auto-enrolls).
 *
 * Hook `pointsAwarded` runs after points were credited, with the entry and the order id.
 *
 * @example
 * await settleOrderLoyaltyWorkflow(container).run({ input: { order_id, trigger: "order.canceled" } })
 */
export const settleOrderLoyaltyWorkflow = createWorkflow(settleOrderLoyaltyWorkflowId, (input: SettleOrderLoyaltyWorkflowInput) => {
  const lock = transform({ input }, ({ input }) => ({
    key: orderLockKey(input.order_id),
    ownerId: `${orderLockKey(input.order_id)}:${randomUUID()}`,
  }))
  acquireLockStep({ key: lock.key, ownerId: lock.ownerId, timeout: ORDER_LOCK.timeout, ttl: ORDER_LOCK.ttl, executeOnSubWorkflow: true })
  const state = loadOrderLoyaltyStep(transform({ input }, ({ input }) => ({ order_id: input.order_id })))
  const redemptions = settleOrderRedemptionsStep(state)

  const enrollment = when("enroll-if-needed", { state }, ({ state }) => state.enroll && !state.points.earn).then(() =>
    enrollCustomerStep(
      transform({ state }, ({ state }) => ({
        program_id: state.program.id,
        customer_id: state.order!.customer_id!,
        locale: state.locale,
        actor: { customer_id: state.order!.customer_id },
      }))
    )
  )
  const points = settleOrderPointsStep(
    transform({ state, enrollment, input }, ({ state, enrollment, input }) => ({
      state,
      enrolled_account_id: enrollment?.account_id ?? null,
      trigger: input.trigger ?? "manual",
      now: input.now,
    }))
  )
  releaseLockStep({ key: lock.key, ownerId: lock.ownerId, executeOnSubWorkflow: true })

  const events = transform({ state, redemptions, points, enrollment }, ({ state, redemptions, points, enrollment }) => {
    const customer_id = state.order?.customer_id ?? state.account?.customer_id ?? null
    const out: LoyaltyEventMessage[] = []
    if (enrollment?.created) {
      out.push({ name: LoyaltyEvents.ACCOUNT_ENROLLED, data: { id: enrollment.account_id, customer_id, program_id: state.program.id } })
    }
    const bonus = enrollment?.welcome_bonus
    if (bonus?.created) {
      out.push({
        name: LoyaltyEvents.POINTS_EARNED,
        data: { id: bonus.entry.id, account_id: enrollment!.account_id, customer_id, type: "welcome_bonus", points: bonus.entry.points, balance: bonus.balance },
      })
    }
    for (const c of redemptions.captured) {
      out.push({
        name: LoyaltyEvents.POINTS_REDEEMED,
        data: { id: c.redemption.id, account_id: c.redemption.account_id, customer_id, points: c.redemption.points, balance: c.balance, order_id: state.order_id, reward_id: c.redemption.reward_id },
      })
    }
    for (const r of redemptions.released.filter((r) => r.entry?.created)) {
      out.push({
        name: LoyaltyEvents.POINTS_RELEASED,
        data: { id: r.entry!.entry.id, account_id: r.redemption.account_id, customer_id, points: r.redemption.points, balance: r.entry!.balance, points_owed: r.entry!.points_owed, redemption_id: r.redemption.id, cart_id: r.redemption.cart_id, reward_id: r.redemption.reward_id },
      })
    }
    for (const r of redemptions.refunded) {
      out.push({
        name: LoyaltyEvents.POINTS_REVERSED,
        data: { id: r.entry!.entry.id, account_id: r.redemption.account_id, customer_id, points: r.entry!.entry.points, shortfall: 0, balance: r.entry!.balance, points_owed: r.entry!.points_owed, order_id: state.order_id, redemption_id: r.redemption.id },
      })
    }
    const matured = points.matured
    if (matured?.created) {
      const entry = matured.entry
      out.push({
        name: LoyaltyEvents.POINTS_EARNED,
        data: { id: entry.id, account_id: entry.account_id, customer_id, type: "mature", points: entry.points, balance: matured.balance, points_owed: matured.points_owed, order_id: state.order_id },
      })
    }
    const change = points.change
    if (change?.created) {
      const entry = change.entry
      const base = { id: entry.id, account_id: entry.account_id, customer_id, points: entry.points, balance: change.balance, points_owed: change.points_owed, order_id: state.order_id }
      if (entry.points > 0) out.push({ name: LoyaltyEvents.POINTS_EARNED, data: { ...base, type: "earn" } })
      else if (entry.type === "earn") {
        // Pending points (the program's pending period): not spendable before `available_at`.
        out.push({
          name: LoyaltyEvents.POINTS_PENDING,
          data: { id: entry.id, account_id: entry.account_id, customer_id, points: entry.pending_change, available_at: (entry.metadata as any)?.available_at ?? null, order_id: state.order_id },
        })
      } else {
        out.push({ name: LoyaltyEvents.POINTS_REVERSED, data: { ...base, shortfall: entry.shortfall, pending_change: entry.pending_change ?? 0 } })
      }
    }
    return out
  })
  emitLoyaltyEventsStep(events)

  const pointsAwarded = createHook("pointsAwarded", {
    order_id: input.order_id,
    entry: transform({ points }, ({ points }) => (points.change?.created && points.change.entry.points > 0 ? points.change.entry : null)),
  })
  const result = transform({ state, points, redemptions }, ({ state, points, redemptions }) => ({
    order_id: state.order_id,
    account_id: points.account_id,
    /** The points this run moved (0 when the order's points were already right). */
    points: points.change?.created ? points.change.entry.points : 0,
    awarded: !!points.change?.created && points.change.entry.points > 0,
    /** The pending points this run moved (the program's pending period), and those it made spendable first. */
    pending: points.change?.created ? points.change.entry.pending_change ?? 0 : 0,
    matured: points.matured?.created ? points.matured.entry.points : 0,
    /** The order's points now. */
    net: points.net_after,
    skip_reason: points.skip_reason,
    entry: points.change?.entry ?? null,
    balance: points.change?.balance ?? null,
    points_owed: points.change?.points_owed ?? null,
    captured: redemptions.captured.map((c) => c.redemption.id),
    released: redemptions.released.map((r) => r.redemption.id),
    refunded: redemptions.refunded.map((r) => r.redemption.id),
  }))
  return new WorkflowResponse(result, { hooks: [pointsAwarded] })
})
