import { randomUUID } from "node:crypto"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import {
  LOYALTY_MESSAGING_MODULE,
  sampleVariables,
  type OutgoingEmail,
  type TemplateKey,
} from "../../../modules/loyalty-messaging"
import type LoyaltyMessagingModuleService from "../../../modules/loyalty-messaging/service"
import { loadStoreName } from "./load-email-context"

export const prepareTemplateTestEmailStepId = "prepare-loyalty-template-test-email"

export type PrepareTemplateTestEmailInput = {
  template_key: TemplateKey
  locale: string
  to: string
  draft?: { subject?: string; html_body?: string; text_body?: string }
}

/**
 * Renders a template (or an unsaved draft of it) with sample data for a test send to a
 * merchant's address, in the requested locale or the one it falls back to.
 *
 * @example
 * const message = prepareTemplateTestEmailStep({ template_key: "loyalty_reward_ready", locale: "lb", to: "me@shop.lu" })
 */
export const prepareTemplateTestEmailStep = createStep(
  prepareTemplateTestEmailStepId,
  async (input: PrepareTemplateTestEmailInput, { container }) => {
    const messaging: LoyaltyMessagingModuleService = container.resolve(LOYALTY_MESSAGING_MODULE)
    const template = await messaging.resolveTemplate(input.template_key, input.locale)
    const storeName = await loadStoreName(container)
    const rendered = messaging.renderTemplate(
      template,
      { ...sampleVariables(input.template_key), ...(storeName ? { "store.name": storeName } : {}) },
      input.draft
    )
    const message: OutgoingEmail = {
      idempotency_key: `template_test:${randomUUID()}`,
      template_key: input.template_key,
      locale: template.locale,
      recipient: input.to,
      subject: `[TEST] ${rendered.subject}`,
      html_body: rendered.html,
      text_body: rendered.text,
      context: { test: true, requested_locale: input.locale },
    }
    return new StepResponse(message)
  }
)
