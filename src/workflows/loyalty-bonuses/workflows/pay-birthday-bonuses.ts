import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { LoyaltyEvents } from "../../../modules/loyalty/events"
import { payBirthdayBonusesStep } from "../steps/pay-birthday-bonuses"

export const payBirthdayBonusesWorkflowId = "pay-birthday-bonuses"

export type PayBirthdayBonusesWorkflowInput = {
  account_ids: string[]
  /** ISO time whose day (in the program's time zone) is the birthday; default: now. */
  now?: string
}

/**
 * Pays the birthday bonus (`birthday_bonus`, key `birthday:<account_id>:<year>`) of the given
 * accounts whose birthday `now` is, and emits `loyalty.points_earned` for each one paid now (the
 * mail and the Wallet pass follow). Running it again, or twice at once, pays nothing more.
 *
 * @example
 * await payBirthdayBonusesWorkflow(container).run({ input: { account_ids } })
 */
export const payBirthdayBonusesWorkflow = createWorkflow(payBirthdayBonusesWorkflowId, (input: PayBirthdayBonusesWorkflowInput) => {
  const result = payBirthdayBonusesStep(input)
  emitEventStep({
    eventName: LoyaltyEvents.POINTS_EARNED,
    data: transform({ result }, ({ result }) =>
      result.paid.map((p) => ({
        id: p.entry_id,
        account_id: p.account_id,
        customer_id: p.customer_id,
        type: "birthday_bonus",
        points: p.points,
        balance: p.balance,
        points_owed: p.points_owed,
      }))
    ),
  })
  return new WorkflowResponse(result)
})
