import i18next, { type i18n } from "i18next"
import { EMAIL_LOCALES } from "./variables"

/** Whole-template fallback: Luxembourgish readers read German, everyone reads English. */
export const LOCALE_FALLBACK = { lb: ["de", "en"], fr: ["en"], de: ["en"], default: ["en"] }

/** Text of the shared layout (footer), per locale. */
const LAYOUT_STRINGS = {
  en: {
    footer: "You receive this email because you are a member of the {{program}} program at {{store}}.",
    card: "Card number",
  },
  fr: {
    footer: "Vous recevez cet e-mail parce que vous êtes membre du programme {{program}} chez {{store}}.",
    card: "Numéro de carte",
  },
  de: {
    footer: "Sie erhalten diese E-Mail, weil Sie Mitglied im Programm {{program}} bei {{store}} sind.",
    card: "Kartennummer",
  },
  lb: {
    footer: "Dir kritt dës E-Mail, well Dir Member sidd vum Programm {{program}} bei {{store}}.",
    card: "Kaartennummer",
  },
}

let instance: i18n | null = null

/** One i18next instance for the module, initialised synchronously with bundled resources. */
export function emailI18n(): i18n {
  if (!instance) {
    instance = i18next.createInstance()
    instance.init({
      initAsync: false,
      showSupportNotice: false,
      fallbackLng: LOCALE_FALLBACK,
      supportedLngs: [...EMAIL_LOCALES],
      nonExplicitSupportedLngs: true,
      // Values are escaped by the layout itself.
      interpolation: { escapeValue: false },
      resources: Object.fromEntries(Object.entries(LAYOUT_STRINGS).map(([lng, t]) => [lng, { translation: t }])),
    } as Parameters<i18n["init"]>[0])
  }
  return instance
}

/**
 * The language part of a locale as shoppers' data writes it: "FR" -> "fr", "de-LU" and
 * "de_LU" -> "de", " LB " -> "lb"; empty -> null.
 */
export function languageOf(locale: string | null | undefined): string | null {
  const language = (locale ?? "").trim().toLowerCase().split(/[-_]/)[0]
  return language || null
}

/**
 * The locales to try for a shopper, best first, from i18next's fallbackLng machinery:
 * "lb" (or "LB", "lb-LU") -> lb, de, en; "fr-BE" -> fr, en; an unsupported one -> en.
 * Only supported locales.
 */
export function localeChain(locale: string | null | undefined): string[] {
  const hierarchy = emailI18n().services.languageUtils.toResolveHierarchy(languageOf(locale) ?? "en")
  return hierarchy.filter((l: string) => (EMAIL_LOCALES as readonly string[]).includes(l))
}

/** A layout string in the locale the template was found in. */
export function layoutText(locale: string, key: keyof (typeof LAYOUT_STRINGS)["en"], values: Record<string, string> = {}): string {
  return emailI18n().getFixedT(locale)(key, values) as string
}
