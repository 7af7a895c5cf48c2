import { MedusaError } from "@medusajs/framework/utils"

export const TEMPLATE_KEYS = [
  "loyalty_enrollment",
  "loyalty_welcome_bonus",
  "loyalty_points_earned",
  "loyalty_reward_ready",
  "loyalty_points_expiring",
  "loyalty_tier_changed",
  "loyalty_birthday_bonus",
  "loyalty_referral_bonus",
] as const
export type TemplateKey = (typeof TEMPLATE_KEYS)[number]

export const EMAIL_LOCALES = ["en", "fr", "de", "lb"] as const
export type EmailLocale = (typeof EMAIL_LOCALES)[number]

type Kind = "text" | "number" | "date"

/** Every variable a template may use, how it is formatted, and the value previews use. */
const CATALOGUE: Record<string, { kind: Kind; sample: string | number }> = {
  "customer.first_name": { kind: "text", sample: "Léa" },
  "customer.last_name": { kind: "text", sample: "Schmit" },
  "customer.email": { kind: "text", sample: "lea.schmit@example.lu" },
  "program.name": { kind: "text", sample: "Rewards" },
  "store.name": { kind: "text", sample: "Café Lëtzebuerg" },
  card_number: { kind: "text", sample: "6280 0012 3456 7890" },
  balance: { kind: "number", sample: 1250 },
  shop_url: { kind: "text", sample: "https://shop.example.lu/account/loyalty" },
  wallet_url: { kind: "text", sample: "https://pay.google.com/gp/v/save/sample" },
  points: { kind: "number", sample: 150 },
  "order.display_id": { kind: "text", sample: "1042" },
  "reward.name": { kind: "text", sample: "Free coffee" },
  "reward.points_cost": { kind: "number", sample: 1000 },
  expires_at: { kind: "date", sample: "2026-12-31T00:00:00.000Z" },
  "tier.name": { kind: "text", sample: "Gold" },
  "tier.perks": { kind: "text", sample: "Free shipping on every order" },
  "previous_tier.name": { kind: "text", sample: "Silver" },
  /** "up" or "down". */
  direction: { kind: "text", sample: "up" },
  /** Not empty on an upgrade: `{{#if upgrade}}` words an upgrade and a downgrade apart. */
  upgrade: { kind: "text", sample: "yes" },
  /** Not empty for the member who shared the code (a referral bonus); empty for the friend who joined with it. */
  referrer: { kind: "text", sample: "yes" },
}

const COMMON = [
  "customer.first_name",
  "customer.last_name",
  "customer.email",
  "program.name",
  "store.name",
  "card_number",
  "balance",
  "shop_url",
  "wallet_url",
]

/** The variables each template may use (the common ones plus its own). */
export const TEMPLATE_VARIABLES: Record<TemplateKey, string[]> = {
  loyalty_enrollment: COMMON,
  loyalty_welcome_bonus: [...COMMON, "points"],
  loyalty_points_earned: [...COMMON, "points", "order.display_id"],
  loyalty_reward_ready: [...COMMON, "reward.name", "reward.points_cost"],
  loyalty_points_expiring: [...COMMON, "points", "expires_at"],
  loyalty_tier_changed: [...COMMON, "tier.name", "tier.perks", "previous_tier.name", "direction", "upgrade"],
  loyalty_birthday_bonus: [...COMMON, "points"],
  loyalty_referral_bonus: [...COMMON, "points", "referrer"],
}

export function isTemplateKey(key: string): key is TemplateKey {
  return (TEMPLATE_KEYS as readonly string[]).includes(key)
}

/** Raw values of one mail, before locale formatting. Missing optional links are "". */
export type EmailVariables = Record<string, string | number | Date | null | undefined>

export function sampleVariables(key: TemplateKey): EmailVariables {
  return Object.fromEntries(TEMPLATE_VARIABLES[key].map((v) => [v, CATALOGUE[v].sample]))
}

/**
 * Formats the variables of a template for a locale: points with the locale's digit grouping
 * (1 250 in fr, 1.250 in de/lb), dates spelled the locale's way ("31. Dezember 2026") as the
 * calendar reads in `timeZone`. Null and undefined become "" (so `{{#if}}` can leave a part out).
 */
export function formatVariables(key: TemplateKey, raw: EmailVariables, locale: string, timeZone = "UTC"): Record<string, string> {
  const numbers = new Intl.NumberFormat(locale)
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone })
  const out: Record<string, string> = {}
  for (const name of TEMPLATE_VARIABLES[key]) {
    const value = raw[name]
    if (value === null || value === undefined || value === "") {
      out[name] = ""
      continue
    }
    const kind = CATALOGUE[name].kind
    if (kind === "number") out[name] = numbers.format(Number(value))
    else if (kind === "date") out[name] = dates.format(value instanceof Date ? value : new Date(String(value)))
    else out[name] = String(value)
  }
  return out
}

/** Refuses variables the template cannot be given, naming the first one. */
export function assertKnownVariables(key: TemplateKey, used: Iterable<string>, field: string) {
  const allowed = TEMPLATE_VARIABLES[key]
  for (const name of used) {
    if (!allowed.includes(name)) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `${field}: unknown variable {{${name}}} for ${key} (available: ${allowed.join(", ")})`
      )
    }
  }
}
