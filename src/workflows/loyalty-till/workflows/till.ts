import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { AwardReceiptInput, TillActor } from "../../../modules/loyalty/lib/terminal-store"
import { LoyaltyEvents } from "../../../modules/loyalty/events"
import { awardReceiptStep, redeemInStoreStep, voidAwardStep } from "../steps/till-ledger"

export type AwardTerminalReceiptWorkflowInput = Omit<AwardReceiptInput, "limits" | "now"> & { customer_id: string }

/**
 * Points for an in-store receipt at the program's rate, on the device's store: the receipt
 * number is the key per store (a double tap awards once), the till's caps apply (options
 * `terminal.*`), the entry records the device and the staff member. Emits
 * `loyalty.points_earned` (type `earn`, `receipt_number`) for a new award: the mail and the
 * Wallet pass follow as for an order.
 *
 * @example
 * await awardTerminalReceiptWorkflow(container).run({ input: { account_id, customer_id, stock_location_id, receipt_number: "R-1001", amount: 42.9, currency_code: "eur", actor: { device_id, staff_id } } })
 */
export const awardTerminalReceiptWorkflow = createWorkflow("award-terminal-receipt", (input: AwardTerminalReceiptWorkflowInput) => {
  const awarded = awardReceiptStep(transform({ input }, ({ input }) => {
    const { customer_id: _c, ...rest } = input
    return rest
  }))
  when("if-newly-awarded", { awarded }, ({ awarded }) => awarded.created).then(() => {
    emitEventStep({
      eventName: LoyaltyEvents.POINTS_EARNED,
      data: transform({ awarded, input }, ({ awarded, input }) => ({
        id: awarded.entry.id,
        account_id: awarded.entry.account_id,
        customer_id: input.customer_id,
        points: awarded.entry.points,
        balance: awarded.balance,
        points_owed: awarded.points_owed,
        type: "earn",
        order_id: null,
        receipt_number: input.receipt_number.trim(),
        stock_location_id: input.stock_location_id,
      })),
    })
  })
  return new WorkflowResponse(awarded)
})

export type RedeemRewardInStoreWorkflowInput = { account_id: string; customer_id: string; reward_id: string; client_id: string; stock_location_id: string; actor: TillActor }

/**
 * A reward redeemed at the till: a `redeem` entry of its cost and a confirmation code for the
 * receipt; a retry with the same client id returns the first. Emits `loyalty.points_redeemed`.
 */
export const redeemRewardInStoreWorkflow = createWorkflow("redeem-reward-in-store", (input: RedeemRewardInStoreWorkflowInput) => {
  const redeemed = redeemInStoreStep(transform({ input }, ({ input }) => {
    const { customer_id: _c, ...rest } = input
    return rest
  }))
  when("if-newly-redeemed", { redeemed }, ({ redeemed }) => redeemed.created).then(() => {
    emitEventStep({
      eventName: LoyaltyEvents.POINTS_REDEEMED,
      data: transform({ redeemed, input }, ({ redeemed, input }) => ({
        id: redeemed.entry.id,
        account_id: redeemed.entry.account_id,
        customer_id: input.customer_id,
        points: -redeemed.entry.points,
        balance: redeemed.balance,
        order_id: null,
        reward_id: input.reward_id,
        confirmation_code: redeemed.confirmation_code,
        stock_location_id: input.stock_location_id,
      })),
    })
  })
  return new WorkflowResponse(redeemed)
})

/** Voids an in-store award on its day (a `reverse` entry); emits `loyalty.points_reversed` once. */
export const voidTerminalAwardWorkflow = createWorkflow(
  "void-terminal-award",
  (input: { entry_id: string; customer_id: string; actor: TillActor; reason?: string | null }) => {
    const voided = voidAwardStep(transform({ input }, ({ input }) => ({ entry_id: input.entry_id, actor: input.actor, reason: input.reason })))
    when("if-newly-voided", { voided }, ({ voided }) => voided.created).then(() => {
      emitEventStep({
        eventName: LoyaltyEvents.POINTS_REVERSED,
        data: transform({ voided, input }, ({ voided, input }) => ({
          id: voided.entry.id,
          account_id: voided.entry.account_id,
          customer_id: input.customer_id,
          points: voided.entry.points,
          shortfall: voided.entry.shortfall,
          balance: voided.balance,
          order_id: null,
        })),
      })
    })
    return new WorkflowResponse(voided)
  }
)
