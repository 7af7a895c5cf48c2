import type { MedusaContainer } from "@medusajs/framework/types"
import seedLoyaltyEmailTemplates from "./seed-loyalty-email-templates"

/**
 * Medusa runs each migration script once: a store migrated before tiers and bonuses existed ran
 * the first seeding already, so this one seeds what it lacks (`loyalty_tier_changed`,
 * `loyalty_birthday_bonus` and `loyalty_referral_bonus` in en, fr, de and lb).
 * Like the first, it only creates missing (key, locale) pairs and never overwrites a template.
 */
export default async function seedLoyaltyProgramDepthEmailTemplates({ container }: { container: MedusaContainer }) {
  await seedLoyaltyEmailTemplates({ container })
}
