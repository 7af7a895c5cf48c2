import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MESSAGING_MODULE } from "../../../modules/loyalty-messaging"
import type LoyaltyMessagingModuleService from "../../../modules/loyalty-messaging/service"

export const resendFailedEmailStepId = "resend-failed-loyalty-email"

export type ResendFailedEmailStepInput = { log_id: string; actor_id: string | null }

/**
 * Sends a failed mail again, once (see `resendFailedEmail`): the same log row takes one more
 * attempt, so a double click or a second admin never sends it twice. No compensation: a sent
 * mail cannot be called back, and the attempt stays in the log's history whatever its outcome.
 *
 * @example
 * resendFailedEmailStep({ log_id: "lmlog_123", actor_id: "user_123" })
 */
export const resendFailedEmailStep = createStep(
  resendFailedEmailStepId,
  async (input: ResendFailedEmailStepInput, { container }) => {
    const messaging: LoyaltyMessagingModuleService = container.resolve(LOYALTY_MESSAGING_MODULE)
    const outcome = await messaging.resendFailedEmail(input.log_id, input.actor_id)
    return new StepResponse({ log_id: outcome.log.id, status: outcome.log.status })
  }
)
