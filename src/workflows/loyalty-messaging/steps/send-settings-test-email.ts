import { randomUUID } from "node:crypto"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MESSAGING_MODULE } from "../../../modules/loyalty-messaging"
import type LoyaltyMessagingModuleService from "../../../modules/loyalty-messaging/service"

export const sendSettingsTestEmailStepId = "send-loyalty-settings-test-email"

/**
 * Sends a mail that states the provider, host, port, security and from address it was
 * actually sent with (the effective settings, resolved once). It is logged like any mail but
 * sent once: a failure comes back as status "failed" with the error, never retried.
 * No compensation: a sent mail cannot be called back, and nothing runs after it.
 *
 * @example
 * sendSettingsTestEmailStep({ to: "owner@shop.lu" })
 */
export const sendSettingsTestEmailStep = createStep(
  sendSettingsTestEmailStepId,
  async (input: { to: string }, { container }) => {
    const messaging: LoyaltyMessagingModuleService = container.resolve(LOYALTY_MESSAGING_MODULE)
    const { log, delivery } = await messaging.sendSettingsTestEmail(input.to, randomUUID())
    return new StepResponse({
      log_id: log.id,
      status: log.status,
      error: log.error,
      message_id: log.message_id,
      delivery,
    })
  }
)
