import { startOfDayIn } from "../../modules/loyalty/lib/expiry-dates"
import { numberOrText, type EarnRate } from "./program-api"
import { sdk } from "./sdk"

export { fetchSalesChannelOptions } from "./analytics-api"

export const programGeneralKeys = {
  regionCurrencies: ["rewardflow", "program", "region-currencies"] as const,
  salesChannels: ["rewardflow", "program", "sales-channels"] as const,
}

/** A currency the store sells in, with the regions that use it. */
export type RegionCurrency = { code: string; regions: string[] }

/** The currencies of the store's regions (`/admin/regions`), each with its regions' names, by code. */
export async function fetchRegionCurrencies(): Promise<RegionCurrency[]> {
  const { regions } = await sdk.admin.region.list({ limit: 100, fields: "id,name,currency_code" })
  const byCode = new Map<string, string[]>()
  for (const r of regions) {
    const code = r.currency_code.toLowerCase()
    byCode.set(code, [...(byCode.get(code) ?? []), r.name])
  }
  return [...byCode.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([code, names]) => ({ code, regions: names }))
}

/** One currency's row of the Earning section as typed: `on` false means the currency earns nothing. */
export type EarnRateDraft = { on: boolean; points: string; amount: string }

/** The program's rates as rows to edit (every currency that has a rate is on). */
export function earnRatesToDraft(rates: Record<string, EarnRate> | null | undefined): Record<string, EarnRateDraft> {
  return Object.fromEntries(Object.entries(rates ?? {}).map(([code, r]) => [code, { on: true, points: String(r.points), amount: String(r.amount) }]))
}

/**
 * The rows as the API's `earn_rates`: only the currencies switched on (a currency left out earns
 * nothing); numbers as numbers, anything else as typed so that the API's message names the field.
 */
export function earnRatesToBody(draft: Record<string, EarnRateDraft>): Record<string, { points: unknown; amount: unknown }> {
  return Object.fromEntries(
    Object.entries(draft)
      .filter(([, r]) => r.on)
      .map(([code, r]) => [code, { points: numberOrText(r.points), amount: numberOrText(r.amount) }])
  )
}

/** The decimal places a currency is written with (2 when Intl does not know it). */
export function currencyDecimals(code: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency: code.toUpperCase() }).resolvedOptions().minimumFractionDigits ?? 2
  } catch {
    return 2
  }
}

/** An amount of `code` in the admin's language with the currency's decimals at least: "1.00", "1,50", "100". */
export function formatRateAmount(amount: number, code: string, locale: string): string {
  const digits = currencyDecimals(code)
  return new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: Math.max(digits, 6) }).format(amount)
}

/** Medusa's body validation puts this before the message. */
const VALIDATION_PREFIX = /^Invalid request:\s*/

/** The field path an API message starts with: "earn_rates.eur.points must be …" -> "earn_rates.eur.points". */
const FIELD_PATH = /^([a-z_]+(?:\.[A-Za-z0-9_]+|\[\d+\])*)(?=[\s:])/

/**
 * An API error as messages with the field each is about: the API says each problem with its
 * field first ("liability_estimate.point_value must be more than 0"), several joined by "; ".
 * `field` is null for a message that names none.
 */
export function apiFieldMessages(error: unknown): { field: string | null; message: string }[] {
  const text = ((error as Error | null)?.message ?? "").replace(VALIDATION_PREFIX, "").trim()
  if (!text) return []
  return text.split(/;\s+(?=[a-z_]+[.\s:[])/).map((message) => ({ field: FIELD_PATH.exec(message)?.[1] ?? null, message }))
}

/** The API's messages about exactly `field`, joined, or null. */
export function messageAt(error: unknown, field: string): string | null {
  const messages = apiFieldMessages(error).filter((m) => m.field === field)
  return messages.length ? messages.map((m) => m.message).join("; ") : null
}

/** The API's messages about none of `shown` (the fields a section puts them under), joined, or null. */
export function messagesNotShown(error: unknown, shown: readonly string[]): string | null {
  const rest = apiFieldMessages(error).filter((m) => !m.field || !shown.includes(m.field))
  return rest.length ? rest.map((m) => m.message).join("; ") : null
}

/**
 * A day typed in a date field ("2026-03-01") as the instant it starts in the program's time zone,
 * which is when an estimate dated that day applies from; "" (no day) stays undefined: now.
 */
export function dayStartInZone(day: string, timeZone: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day.trim())
  if (!m) return day.trim() || undefined
  return startOfDayIn({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }, timeZone).toISOString()
}

/** A decimal typed the French or German way ("0,01") as the API reads it ("0.01"). */
export const decimalText = (value: string) => value.trim().replace(/^(\d*),(\d+)$/, "$1.$2")
