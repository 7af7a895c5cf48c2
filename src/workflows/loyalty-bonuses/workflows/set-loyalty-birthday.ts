import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { setBirthdayStep, type SetBirthdayStepInput } from "../steps/set-birthday"

export const setLoyaltyBirthdayWorkflowId = "set-loyalty-birthday"

export type SetLoyaltyBirthdayWorkflowInput = SetBirthdayStepInput

/**
 * Sets or removes a member's birthday (month and day). The first date given and every later
 * change are stamped (`birthday_set_at`, `birthday_changed_at`): a date given fewer than 30
 * days, or changed fewer than 365 days, before a birthday earns no bonus that year.
 *
 * @example
 * await setLoyaltyBirthdayWorkflow(container).run({ input: { account_id, birthday: { month: 5, day: 17 }, actor: { user_id } } })
 */
export const setLoyaltyBirthdayWorkflow = createWorkflow(setLoyaltyBirthdayWorkflowId, (input: SetLoyaltyBirthdayWorkflowInput) => {
  return new WorkflowResponse(setBirthdayStep(input))
})
