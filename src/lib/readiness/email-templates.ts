import { EMAIL_LOCALES, LOYALTY_MESSAGING_MODULE, TEMPLATE_KEYS } from "../../modules/loyalty-messaging"
import type LoyaltyMessagingModuleService from "../../modules/loyalty-messaging/service"
import type { ReadinessCheck, ReadinessLine } from "./types"

type TemplateRow = { key: string; locale: string; is_active: boolean }

/**
 * Which of the expected templates (every key in every locale) are missing or inactive. Pure, so a
 * unit test can feed it any set of rows.
 */
export function templateGaps(rows: TemplateRow[], keys: readonly string[] = TEMPLATE_KEYS, locales: readonly string[] = EMAIL_LOCALES) {
  const found = new Map(rows.map((r) => [`${r.key}:${r.locale}`, r]))
  const missing: string[] = []
  const inactive: string[] = []
  for (const key of keys) {
    for (const locale of locales) {
      const row = found.get(`${key}:${locale}`)
      if (!row) missing.push(`${key} (${locale})`)
      else if (!row.is_active) inactive.push(`${key} (${locale})`)
    }
  }
  return { expected: keys.length * locales.length, missing, inactive }
}

/** Every template key in en, fr, de and lb is present and active (one indexed read). */
export const checkEmailTemplates: ReadinessCheck = async ({ container, now }): Promise<ReadinessLine> => {
  const messaging: LoyaltyMessagingModuleService = container.resolve(LOYALTY_MESSAGING_MODULE)
  const rows = (await messaging.listLoyaltyEmailTemplates({}, { select: ["key", "locale", "is_active"] })) as TemplateRow[]
  const { expected, missing, inactive } = templateGaps(rows)
  const checked_at = now.toISOString()
  const ok = expected - missing.length - inactive.length
  const problems = [...(missing.length ? [`missing: ${missing.join(", ")}`] : []), ...(inactive.length ? [`inactive: ${inactive.join(", ")}`] : [])]
  return {
    id: "email_templates",
    status: problems.length ? "not_ready" : "ready",
    summary: problems.length
      ? `${ok} of ${expected} email templates are present and active; ${problems.join("; ")}`
      : `All ${expected} email templates (${TEMPLATE_KEYS.length} emails in ${EMAIL_LOCALES.length} languages) are present and active`,
    evidence: [
      { label: "Templates expected (every email in en, fr, de and lb)", value: expected, checked_at },
      { label: "Templates present and active", value: ok, checked_at, source: "database" },
      { label: "Missing templates", value: missing.length ? missing.join(", ") : "none", checked_at },
      { label: "Inactive templates", value: inactive.length ? inactive.join(", ") : "none", checked_at },
    ],
    fix_path: "/settings/loyalty-emails",
  }
}
