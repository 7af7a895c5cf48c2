import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deliverEmailStep } from "../steps/deliver-email"
import { prepareTemplateTestEmailStep, type PrepareTemplateTestEmailInput } from "../steps/prepare-template-test-email"
import { queueEmailStep } from "../steps/queue-email"

export const sendTemplateTestEmailWorkflowId = "send-loyalty-template-test-email"

/**
 * Sends a template, rendered with sample data, to a merchant's address through the
 * effective transport, logged like any mail.
 *
 * @example
 * await sendTemplateTestEmailWorkflow(container).run({ input: { template_key: "loyalty_enrollment", locale: "fr", to: "me@shop.lu" } })
 */
export const sendTemplateTestEmailWorkflow = createWorkflow(
  sendTemplateTestEmailWorkflowId,
  (input: PrepareTemplateTestEmailInput) => {
    const message = prepareTemplateTestEmailStep(input)
    const queued = queueEmailStep(message)
    const delivery = deliverEmailStep(transform({ queued }, ({ queued }) => ({ log_id: queued.log.id })))
    return new WorkflowResponse(delivery)
  }
)
