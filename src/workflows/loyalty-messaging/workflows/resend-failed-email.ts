import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { resendFailedEmailStep, type ResendFailedEmailStepInput } from "../steps/resend-failed-email"

export const resendFailedEmailWorkflowId = "resend-failed-loyalty-email"

export type ResendFailedEmailWorkflowInput = ResendFailedEmailStepInput

/**
 * "Send again" from the email log: one more attempt of a failed mail on its own log row, with
 * the acting admin recorded. Refused (reason `not_failed`) unless the mail is failed, so it is
 * sent again once and never duplicated.
 *
 * @example
 * const { result } = await resendFailedEmailWorkflow(container).run({ input: { log_id: "lmlog_123", actor_id: "user_123" } })
 */
export const resendFailedEmailWorkflow = createWorkflow(resendFailedEmailWorkflowId, (input: ResendFailedEmailWorkflowInput) => {
  return new WorkflowResponse(resendFailedEmailStep(input))
})
