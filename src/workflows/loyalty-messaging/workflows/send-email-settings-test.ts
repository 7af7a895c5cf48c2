import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { sendSettingsTestEmailStep } from "../steps/send-settings-test-email"

export const sendEmailSettingsTestWorkflowId = "send-loyalty-email-settings-test"

/**
 * Sends the settings test mail, whose body states the provider, host, port, security and
 * from address actually used.
 *
 * @example
 * const { result } = await sendEmailSettingsTestWorkflow(container).run({ input: { to: "owner@shop.lu" } })
 */
export const sendEmailSettingsTestWorkflow = createWorkflow(sendEmailSettingsTestWorkflowId, (input: { to: string }) => {
  return new WorkflowResponse(sendSettingsTestEmailStep(input))
})
