import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MESSAGING_MODULE, type OutgoingEmail } from "../../../modules/loyalty-messaging"
import type LoyaltyMessagingModuleService from "../../../modules/loyalty-messaging/service"

export const queueEmailStepId = "queue-loyalty-email"

/**
 * Writes the mail to the email log as `queued` before anything is sent; a second run with
 * the same idempotency key finds the row.
 *
 * No compensation, on purpose: a queued mail is owed to the member whatever fails after it.
 * If the delivery step (or the process) dies, the retry job sends rows left `queued` once
 * they are older than the lease; deleting the row here would lose the mail.
 *
 * @example
 * const { log } = queueEmailStep(message)
 */
export const queueEmailStep = createStep(queueEmailStepId, async (message: OutgoingEmail, { container }) => {
  const messaging: LoyaltyMessagingModuleService = container.resolve(LOYALTY_MESSAGING_MODULE)
  return new StepResponse(await messaging.queueEmail(message))
})
