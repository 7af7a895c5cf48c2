import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MESSAGING_MODULE } from "../../../modules/loyalty-messaging"
import type LoyaltyMessagingModuleService from "../../../modules/loyalty-messaging/service"

export const deliverEmailStepId = "deliver-loyalty-email"

/**
 * Sends a queued mail once (see `deliverEmail`): a failure is recorded as `retrying` for the
 * retry job, never thrown, so it cannot undo what the workflow did before. It has no
 * compensation because a sent mail cannot be called back; keep it the last step.
 *
 * @example
 * deliverEmailStep({ log_id })
 */
export const deliverEmailStep = createStep(deliverEmailStepId, async (input: { log_id: string }, { container }) => {
  const messaging: LoyaltyMessagingModuleService = container.resolve(LOYALTY_MESSAGING_MODULE)
  const outcome = await messaging.deliverEmail(input.log_id)
  return new StepResponse({ attempted: outcome.attempted, log_id: outcome.log.id, status: outcome.log.status })
})
