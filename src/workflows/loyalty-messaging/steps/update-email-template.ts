import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MESSAGING_MODULE } from "../../../modules/loyalty-messaging"
import type LoyaltyMessagingModuleService from "../../../modules/loyalty-messaging/service"

export const updateEmailTemplateStepId = "update-loyalty-email-template"

export type UpdateEmailTemplateStepInput = {
  id: string
  subject?: string
  html_body?: string
  text_body?: string
  is_active?: boolean
  actor_id: string | null
}

/**
 * Saves an edit of a template after checking its syntax and variables (400 naming the
 * unknown variable). Sets `updated_by`, so seeding never overwrites it. Compensation puts
 * the previous content back.
 *
 * @example
 * updateEmailTemplateStep({ id, subject: "Welcome, {{customer.first_name}}", actor_id })
 */
export const updateEmailTemplateStep = createStep(
  updateEmailTemplateStepId,
  async ({ id, actor_id, ...patch }: UpdateEmailTemplateStepInput, { container }) => {
    const messaging: LoyaltyMessagingModuleService = container.resolve(LOYALTY_MESSAGING_MODULE)
    const { previous, updated } = await messaging.editTemplate(id, patch, actor_id)
    const restore = {
      id,
      subject: previous.subject,
      html_body: previous.html_body,
      text_body: previous.text_body,
      is_active: previous.is_active,
      updated_by: previous.updated_by,
    }
    return new StepResponse(updated, restore)
  },
  async (restore, { container }) => {
    if (!restore) return
    const messaging: LoyaltyMessagingModuleService = container.resolve(LOYALTY_MESSAGING_MODULE)
    await messaging.updateLoyaltyEmailTemplates(restore)
  }
)
