import { ADMIN_TRANSLATIONS } from "./admin-translations"
import type { ReadinessCheck, ReadinessLine } from "./types"

export const ADMIN_LOCALES = ["en", "fr", "de", "lb"] as const

/** Every leaf key of a resource ("analytics.revenue_title"), with whether its text is non-empty. */
function leafKeys(node: unknown, prefix = "", out = new Map<string, boolean>()): Map<string, boolean> {
  if (node && typeof node === "object" && !Array.isArray(node)) {
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) leafKeys(v, prefix ? `${prefix}.${k}` : k, out)
  } else if (prefix) {
    out.set(prefix, typeof node === "string" ? node.trim() !== "" : node !== null && node !== undefined)
  }
  return out
}

/**
 * The keys missing (or empty) in each locale, against the union of every locale's keys: a key
 * added in French only is missing in English too. Pure: a unit test feeds it a broken copy.
 */
export function translationGaps(resources: Record<string, unknown>, locales: readonly string[] = ADMIN_LOCALES) {
  const perLocale = new Map(locales.map((l) => [l, leafKeys(resources[l])]))
  const all = new Set<string>()
  for (const keys of perLocale.values()) for (const k of keys.keys()) all.add(k)
  const missing: Record<string, string[]> = {}
  for (const [locale, keys] of perLocale) {
    const gaps = [...all].filter((k) => !keys.get(k)).sort()
    if (gaps.length) missing[locale] = gaps
  }
  return { keys: all.size, missing }
}

/** Builds the translations line from a set of resources (the admin's own unless given). */
export function translationsLine(resources: Record<string, unknown>, now: Date): ReadinessLine {
  const { keys, missing } = translationGaps(resources)
  const checked_at = now.toISOString()
  const gaps = Object.entries(missing)
  const shown = (list: string[]) => (list.length > 20 ? `${list.slice(0, 20).join(", ")} and ${list.length - 20} more` : list.join(", "))
  return {
    id: "translations",
    status: gaps.length ? "not_ready" : "ready",
    summary: gaps.length
      ? `Admin texts are missing: ${gaps.map(([l, list]) => `${list.length} in ${l}`).join(", ")}`
      : `All ${keys} admin texts exist in ${ADMIN_LOCALES.join(", ")}`,
    evidence: [
      { label: "Admin text keys (every locale's keys together)", value: keys, checked_at, source: "src/admin/i18n/json" },
      ...ADMIN_LOCALES.map((l) => ({ label: `Keys missing or empty in ${l}`, value: missing[l] ? shown(missing[l]) : "none", checked_at })),
    ],
    fix_path: "/loyalty/go-live",
  }
}

/** Every admin and analytics key in en, fr, de and lb (no I/O: the texts ship with the build). */
export const checkTranslations: ReadinessCheck = async ({ now }) => translationsLine(ADMIN_TRANSLATIONS, now)
