import type { Translate } from "./reward-display"

/**
 * Figures as the admin's language writes them (Intl with `i18n.language`): "1,234" / "1 234",
 * "12.5%" / "12,5 %", "€1,234.50" / "1 234,50 €", "Jan 2026" / "janv. 2026". A figure the API
 * cannot compute (a rate whose denominator is 0) is "–".
 */

export const NO_VALUE = "–"

export const formatCount = (value: number | null | undefined, locale: string) =>
  value == null ? NO_VALUE : new Intl.NumberFormat(locale).format(value)

/** A rate 0..1 as a percentage, to the API's precision (4 decimals: 12.34 %). */
export const formatRate = (rate: number | null | undefined, locale: string) =>
  rate == null ? NO_VALUE : new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 2 }).format(rate)

/**
 * A decimal string from the API as money in `currency`, or as a plain number with two decimals
 * when no currency is known (a figure summed over all currencies is not money of one).
 * `maxDecimals` above the currency's for values finer than a cent (the value of one point).
 */
export function formatAmount(value: string | number | null | undefined, locale: string, currency?: string | null, maxDecimals?: number) {
  if (value == null || value === "") return NO_VALUE
  const n = Number(value)
  if (!Number.isFinite(n)) return String(value)
  const fine = maxDecimals === undefined ? {} : { maximumFractionDigits: maxDecimals }
  if (currency) {
    try {
      return new Intl.NumberFormat(locale, { style: "currency", currency: currency.toUpperCase(), ...fine }).format(n)
    } catch {
      // An unknown code: the number with the code after it.
    }
  }
  const number = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: Math.max(2, maxDecimals ?? 2) }).format(n)
  return currency ? `${number} ${currency.toUpperCase()}` : number
}

/** A calendar day "2026-01-31" (a day in the program's time zone: shown as such, never shifted). */
export function formatDay(day: string, locale: string) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!m) return day
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(date)
}

/** The day of an instant (ISO timestamp) in a time zone (the program's). */
export function formatInstantDay(iso: string, locale: string, timeZone: string) {
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone }).format(new Date(iso))
  } catch {
    return new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(new Date(iso))
  }
}

/** A moment (ISO timestamp) in the browser's time zone, date and time. */
export const formatMoment = (iso: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso))

/**
 * A period key of the API as a label: "2026-01" -> "Jan 2026"; a day "2026-01-05" -> the day, or
 * with interval week (the key is that week's Monday) "Week of Jan 5, 2026"; anything else as given.
 */
export function formatPeriod(period: string, locale: string, t: Translate, interval?: string) {
  const month = /^(\d{4})-(\d{2})$/.exec(period)
  if (month) {
    const date = new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1))
    return new Intl.DateTimeFormat(locale, { month: "short", year: "numeric", timeZone: "UTC" }).format(date)
  }
  const day = formatDay(period, locale)
  return interval === "week" && day !== period ? t("analytics.week_label", { date: day }) : day
}
