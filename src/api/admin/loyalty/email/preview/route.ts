import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LOYALTY_MESSAGING_MODULE, sampleVariables } from "../../../../../modules/loyalty-messaging"
import type LoyaltyMessagingModuleService from "../../../../../modules/loyalty-messaging/service"
import { loadStoreName } from "../../../../../workflows/loyalty-messaging/steps/load-email-context"
import type { AdminPreviewEmailType } from "../validators"

/**
 * Renders a template for a locale with sample data (and unsaved `draft` parts, validated
 * like a save). `locale` in the answer is the one used after fallback.
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminPreviewEmailType>, res: MedusaResponse) => {
  const { key, locale, draft } = req.validatedBody
  const messaging: LoyaltyMessagingModuleService = req.scope.resolve(LOYALTY_MESSAGING_MODULE)
  const template = await messaging.resolveTemplate(key, locale)
  const storeName = await loadStoreName(req.scope)
  const variables = { ...sampleVariables(key), ...(storeName ? { "store.name": storeName } : {}) }
  const rendered = messaging.renderTemplate(template, variables, draft)
  res.json({ preview: { template_id: template.id, key, requested_locale: locale, locale: template.locale, ...rendered } })
}
