import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { OutgoingEmail } from "../../../modules/loyalty-messaging"
import { deliverEmailStep } from "../steps/deliver-email"
import { prepareLoyaltyEmailStep, type PrepareLoyaltyEmailInput } from "../steps/prepare-loyalty-email"
import { queueEmailStep } from "../steps/queue-email"

export const sendLoyaltyEmailWorkflowId = "send-loyalty-email"

export type SendLoyaltyEmailWorkflowInput = PrepareLoyaltyEmailInput

/**
 * Sends one loyalty email to a member in their language: render, write to the email log
 * (queued), then deliver. Idempotent on `idempotency_key`: a redelivered event finds the
 * logged mail and sends nothing; a failed send is left `retrying` for the retry job.
 *
 * @example
 * await sendLoyaltyEmailWorkflow(container).run({
 *   input: { template_key: "loyalty_enrollment", idempotency_key: `loyalty_enrollment:${accountId}`, account_id: accountId, event: "loyalty.account_enrolled" },
 * })
 */
export const sendLoyaltyEmailWorkflow = createWorkflow(sendLoyaltyEmailWorkflowId, (input: SendLoyaltyEmailWorkflowInput) => {
  const message = prepareLoyaltyEmailStep(input)
  const delivery = when("if-recipient", { message }, ({ message }) => !!message).then(() => {
    const queued = queueEmailStep(message as unknown as OutgoingEmail)
    return deliverEmailStep(transform({ queued }, ({ queued }) => ({ log_id: queued.log.id })))
  })
  return new WorkflowResponse(transform({ delivery }, ({ delivery }) => delivery ?? null))
})
