/** Languages passes are translated into (the plugin's shopper locales). */
export const PASS_LANGUAGES = ["en", "fr", "de", "lb"] as const
export type PassLanguage = (typeof PASS_LANGUAGES)[number]

type Labels = {
  points: string
  member: string
  card_number: string
  balance_header: string
  balance_body: (points: number) => string
  /** The tier (secondary points label, text module header). */
  tier: string
  tier_header: string
  /** Description of the tier colour band (hero image), for screen readers. */
  tier_band: (tier: string) => string
}

/** Text printed on passes, per language. */
export const PASS_LABELS: Record<PassLanguage, Labels> = {
  en: {
    points: "Points",
    member: "Member",
    card_number: "Card number",
    balance_header: "Your points",
    balance_body: (n) => `You have ${n} points.`,
    tier: "Tier",
    tier_header: "Your tier",
    tier_band: (t) => `${t} tier`,
  },
  fr: {
    points: "Points",
    member: "Membre",
    card_number: "Numéro de carte",
    balance_header: "Vos points",
    balance_body: (n) => `Vous avez ${n} points.`,
    tier: "Niveau",
    tier_header: "Votre niveau",
    tier_band: (t) => `Niveau ${t}`,
  },
  de: {
    points: "Punkte",
    member: "Mitglied",
    card_number: "Kartennummer",
    balance_header: "Ihre Punkte",
    balance_body: (n) => `Sie haben ${n} Punkte.`,
    tier: "Status",
    tier_header: "Ihr Status",
    tier_band: (t) => `Status ${t}`,
  },
  lb: {
    points: "Punkten",
    member: "Member",
    card_number: "Kaartennummer",
    balance_header: "Är Punkten",
    balance_body: (n) => `Dir hutt ${n} Punkten.`,
    tier: "Status",
    tier_header: "Äre Status",
    tier_band: (t) => `Status ${t}`,
  },
}

export const passLanguage = (locale: string | null | undefined): PassLanguage =>
  (PASS_LANGUAGES as readonly string[]).includes(locale ?? "") ? (locale as PassLanguage) : "en"

/**
 * Google's LocalizedString: the value in the default language, and a translation per other
 * language (`translatedValues`), each a TranslatedString `{ language, value }`.
 */
export function localizedString(defaultLanguage: PassLanguage, text: (lang: PassLanguage) => string) {
  return {
    defaultValue: { language: defaultLanguage, value: text(defaultLanguage) },
    translatedValues: PASS_LANGUAGES.filter((l) => l !== defaultLanguage).map((language) => ({
      language,
      value: text(language),
    })),
  }
}
