import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MESSAGING_MODULE, type OutgoingEmail } from "../../../modules/loyalty-messaging"
import type LoyaltyMessagingModuleService from "../../../modules/loyalty-messaging/service"

export const queueEmailStepId = "queue-loyalty-email"

/**
 * Writes the mail to the email log as `queued` before anything is sent; a second run with
 * the same idempotency key finds the row. Compensation removes only a row this run created
 * and nobody tried to send yet.
 *
 * @example
 * const { log } = queueEmailStep(message)
 */
export const queueEmailStep = createStep(
  queueEmailStepId,
  async (message: OutgoingEmail, { container }) => {
    const messaging: LoyaltyMessagingModuleService = container.resolve(LOYALTY_MESSAGING_MODULE)
    const queued = await messaging.queueEmail(message)
    return new StepResponse(queued, queued.created ? queued.log.id : null)
  },
  async (createdId, { container }) => {
    if (!createdId) return
    const messaging: LoyaltyMessagingModuleService = container.resolve(LOYALTY_MESSAGING_MODULE)
    await messaging.discardQueuedEmail(createdId)
  }
)
