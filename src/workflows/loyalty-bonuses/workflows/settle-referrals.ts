import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { LoyaltyEvents } from "../../../modules/loyalty/events"
import { loadReferralProgressStep } from "../steps/load-referral-progress"
import { settleReferralsStep } from "../steps/settle-referrals"

export const settleReferralsWorkflowId = "settle-referrals"

export type SettleReferralsWorkflowInput = {
  /** The referrals to look at (the job's batch)... */
  referral_ids?: string[]
  /** ...or the open referral of this order's customer (on `order.placed`). */
  order_id?: string
  /** ISO time the rules are judged at; default: now. */
  now?: string
}

/**
 * Brings open referrals up to date with their referees' orders: the first order kept counts
 * (`qualified` while it can still be canceled or returned), one shipped to an address of the
 * referrer's orders is a self-referral (`refused`), and once its period is over both sides
 * earn their bonus (`referral_bonus`, keys `referral:<id>:referrer` / `:referee`) and the
 * referral is `rewarded`. Emits `loyalty.points_earned` for each bonus paid now.
 *
 * @example
 * await settleReferralsWorkflow(container).run({ input: { referral_ids, now: new Date().toISOString() } })
 */
export const settleReferralsWorkflow = createWorkflow(settleReferralsWorkflowId, (input: SettleReferralsWorkflowInput) => {
  const progress = loadReferralProgressStep(input)
  const result = settleReferralsStep(transform({ progress, input }, ({ progress, input }) => ({ progress, now: input.now })))
  emitEventStep({
    eventName: LoyaltyEvents.POINTS_EARNED,
    data: transform({ result }, ({ result }) =>
      result.settled.flatMap((s) =>
        s.bonuses.map((b) => ({
          id: b.change.entry.id,
          account_id: b.account_id,
          customer_id: b.customer_id,
          type: "referral_bonus",
          side: b.side,
          points: b.change.entry.points,
          balance: b.change.balance,
          points_owed: b.change.points_owed,
          referral_id: s.referral_id,
        }))
      )
    ),
  })
  return new WorkflowResponse(result)
})
