import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE, type LedgerActor } from "../../../modules/loyalty"
import type { Birthday } from "../../../modules/loyalty/lib/birthday"
import type LoyaltyModuleService from "../../../modules/loyalty/service"

export const setBirthdayStepId = "set-loyalty-birthday"

export type SetBirthdayStepInput = {
  account_id: string
  birthday: Birthday | null
  actor?: LedgerActor
  /** ISO time of the change (default: now). */
  now?: string
}

/**
 * Sets or removes a member's birthday (the service's `setBirthday`, under the account lock).
 * The dates it stamps are the anti-farming record, so the step is the workflow's only write
 * and has nothing to undo.
 *
 * @example
 * setBirthdayStep({ account_id, birthday: { month: 2, day: 29 }, actor: { customer_id } })
 */
export const setBirthdayStep = createStep(setBirthdayStepId, async (input: SetBirthdayStepInput, { container }) => {
  const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
  const result = await loyalty.setBirthday(input.account_id, input.birthday, {
    now: input.now ? new Date(input.now) : new Date(),
    actor: input.actor,
  })
  return new StepResponse(result)
})
