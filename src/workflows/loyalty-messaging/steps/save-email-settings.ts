import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MESSAGING_MODULE } from "../../../modules/loyalty-messaging"
import type LoyaltyMessagingModuleService from "../../../modules/loyalty-messaging/service"

export const saveEmailSettingsStepId = "save-loyalty-email-settings"

/**
 * Saves email settings overrides from the admin (secrets sealed; null removes an override).
 * Compensation restores the overrides exactly as they were stored.
 *
 * @example
 * saveEmailSettingsStep({ patch: { host: "smtp.example.lu", port: 465, secure: true }, actor_id })
 */
export const saveEmailSettingsStep = createStep(
  saveEmailSettingsStepId,
  async (input: { patch: Record<string, unknown>; actor_id: string | null }, { container }) => {
    const messaging: LoyaltyMessagingModuleService = container.resolve(LOYALTY_MESSAGING_MODULE)
    const { previous } = await messaging.saveEmailSettingsOverrides(input.patch, input.actor_id)
    // Only sealed values travel in the compensation data, never a clear secret.
    return new StepResponse({ saved: true }, previous)
  },
  async (previous, { container }) => {
    if (!previous) return
    const messaging: LoyaltyMessagingModuleService = container.resolve(LOYALTY_MESSAGING_MODULE)
    await messaging.restoreEmailSettingsOverrides(previous)
  }
)
