import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { LOYALTY_MESSAGING_MODULE } from "../modules/loyalty-messaging"
import type LoyaltyMessagingModuleService from "../modules/loyalty-messaging/service"
import { SEED_TEMPLATES } from "../modules/loyalty-messaging/templates"

/**
 * Seeds the loyalty email templates (eight, see SEED_TEMPLATES) in en, fr, de and lb. Medusa runs it once with
 * `medusa db:migrate`. Only missing (key, locale) pairs are created: a template that already
 * exists, edited by a merchant or not, is never overwritten.
 */
export default async function seedLoyaltyEmailTemplates({ container }: { container: MedusaContainer }) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const messaging: LoyaltyMessagingModuleService = container.resolve(LOYALTY_MESSAGING_MODULE)
  const existing = await messaging.listLoyaltyEmailTemplates({}, { select: ["key", "locale"], take: 1000, withDeleted: true })
  const have = new Set(existing.map((t) => `${t.key}:${t.locale}`))
  const missing = Object.entries(SEED_TEMPLATES).flatMap(([locale, templates]) =>
    Object.entries(templates)
      .filter(([key]) => !have.has(`${key}:${locale}`))
      .map(([key, content]) => ({ key, locale, ...content, is_active: true, updated_by: null }))
  )
  if (missing.length) await messaging.createLoyaltyEmailTemplates(missing)
  logger.info(`[rewardflow] email templates: ${missing.length} seeded, ${have.size} already present (left untouched)`)
}
