/** Shoppers reading Luxembourgish understand German; everyone falls back to English. */
const LOCALE_FALLBACK: Record<string, string[]> = { lb: ["lb", "de", "en"], de: ["de", "en"], fr: ["fr", "en"], en: ["en"] }

export type LoyaltyLocale = "en" | "fr" | "de" | "lb"

/** "fr-LU" -> "fr"; undefined for a language the program does not speak. */
export function supportedLocale(raw: string | undefined | null): LoyaltyLocale | undefined {
  const lang = raw?.toLowerCase().split(/[-_]/)[0]
  return lang && lang in LOCALE_FALLBACK ? (lang as LoyaltyLocale) : undefined
}

/** Picks a per-locale text (`{ en, fr, de, lb }`) for a locale, through the fallback chain. */
export function localizedText(text: Record<string, string | undefined> | string, locale: string): string {
  if (typeof text === "string") return text
  for (const l of LOCALE_FALLBACK[supportedLocale(locale) ?? "en"]) {
    if (text[l]) return text[l]!
  }
  return Object.values(text).find(Boolean) ?? ""
}
