import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { calendarDateIn, startOfDayIn, type CalendarDate } from "../../modules/loyalty/lib/expiry-dates"

export type AnalyticsInterval = "month" | "week" | "day"

/** One bucket of a report: `key` names it (2026-01, 2026-01-05 for the week starting that Monday, 2026-01-07). */
export type Period = { key: string; start: Date; end: Date }

/**
 * What a report covers: the program, the days from `from` to `to` inclusive in the program's time
 * zone (as instants: [start, end)), the buckets, and the optional filters.
 */
export type AnalyticsScope = {
  program_id: string
  time_zone: string
  from: string
  to: string
  start: Date
  end: Date
  interval: AnalyticsInterval
  periods: Period[]
  sales_channel_id?: string
  stock_location_id?: string
  currency_code?: string
  /** Count test data too (accounts flagged is_test and their entries, orders marked rewardflow_test): a demo or a staging store. */
  include_test?: boolean
}

/** SQL that leaves out test accounts (alias `a` by default), or nothing when the report includes test data. */
export const realAccounts = (scope: Pick<AnalyticsScope, "include_test">, alias = "a") => (scope.include_test ? "true" : `${alias}.is_test = false`)

export type ScopeInput = {
  program_id: string
  time_zone: string
  from?: string
  to?: string
  interval?: AnalyticsInterval
  sales_channel_id?: string
  stock_location_id?: string
  currency_code?: string
  include_test?: boolean
  now?: Date
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0")
export const dayKey = (d: CalendarDate) => `${d.year}-${pad(d.month)}-${pad(d.day)}`
export const parseDay = (s: string): CalendarDate => {
  const [year, month, day] = s.split("-").map(Number)
  return { year, month, day }
}

/** The calendar day `days` after `d` (negative: before), through UTC noon so no zone can move it. */
export function addDays(d: CalendarDate, days: number): CalendarDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days, 12))
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() }
}

const firstOfMonth = (d: CalendarDate, months = 0): CalendarDate => {
  const t = new Date(Date.UTC(d.year, d.month - 1 + months, 1, 12))
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: 1 }
}

/** Monday of the ISO week holding `d`. */
const mondayOf = (d: CalendarDate): CalendarDate => {
  const weekday = new Date(Date.UTC(d.year, d.month - 1, d.day, 12)).getUTCDay() // 0 = Sunday
  return addDays(d, -((weekday + 6) % 7))
}

/** Buckets from `from` to `to` (calendar days, inclusive) in `timeZone`, the first and last cut to the range. */
export function periodsOf(from: CalendarDate, to: CalendarDate, interval: AnalyticsInterval, timeZone: string): Period[] {
  const last = dayKey(to)
  const start = (d: CalendarDate) => startOfDayIn(d, timeZone)
  const rangeStart = start(from)
  const rangeEnd = start(addDays(to, 1))
  const out: Period[] = []
  let cursor = interval === "month" ? firstOfMonth(from) : interval === "week" ? mondayOf(from) : from
  while (dayKey(cursor) <= last) {
    const next = interval === "month" ? firstOfMonth(cursor, 1) : addDays(cursor, interval === "week" ? 7 : 1)
    const key = interval === "month" ? `${cursor.year}-${pad(cursor.month)}` : dayKey(cursor)
    const s = start(cursor)
    const e = start(next)
    out.push({ key, start: s < rangeStart ? rangeStart : s, end: e > rangeEnd ? rangeEnd : e })
    cursor = next
  }
  return out
}

/**
 * The scope of a report. Without `from`/`to`: the twelve calendar months up to today (the first
 * of the month eleven months ago to today, in the program's zone).
 */
export function analyticsScope(input: ScopeInput): AnalyticsScope {
  const today = calendarDateIn(input.now ?? new Date(), input.time_zone)
  const to = input.to ?? dayKey(today)
  const from = input.from ?? dayKey(firstOfMonth(parseDay(to), -11))
  const interval = input.interval ?? "month"
  const periods = periodsOf(parseDay(from), parseDay(to), interval, input.time_zone)
  return {
    program_id: input.program_id,
    time_zone: input.time_zone,
    from,
    to,
    start: startOfDayIn(parseDay(from), input.time_zone),
    end: startOfDayIn(addDays(parseDay(to), 1), input.time_zone),
    interval,
    periods,
    sales_channel_id: input.sales_channel_id,
    stock_location_id: input.stock_location_id,
    currency_code: input.currency_code,
    include_test: input.include_test ?? false,
  }
}

/** A share from 0 to 1 to 4 decimals; null when there is nothing to divide by. */
export const share = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null)

/**
 * The report's buckets as a SQL relation `p(key, s, e)` (with the whole range as key `total` when
 * asked), so one statement can group rows by bucket: `join p on x >= p.s and x < p.e`.
 */
export function periodsRelation(knex: Knex, scope: AnalyticsScope, withTotal: boolean): Knex.Raw {
  const rows = [...scope.periods, ...(withTotal ? [{ key: "total", start: scope.start, end: scope.end }] : [])]
  const values = rows.map(() => "(?::text, ?::timestamptz, ?::timestamptz)").join(", ")
  return knex.raw(`(values ${values}) as p(key, s, e)`, rows.flatMap((r) => [r.key, r.start.toISOString(), r.end.toISOString()]))
}

/** Which of the report's filters a figure honours, and which it cannot (said in every answer). */
export function filtersOf(scope: AnalyticsScope, applicable: Array<"sales_channel_id" | "stock_location_id" | "currency_code">) {
  const given = (["sales_channel_id", "stock_location_id", "currency_code"] as const).filter((f) => scope[f])
  return {
    applied: given.filter((f) => applicable.includes(f)),
    not_applicable: given.filter((f) => !applicable.includes(f)),
  }
}

export const periodView = (scope: AnalyticsScope) => ({
  from: scope.from,
  to: scope.to,
  time_zone: scope.time_zone,
  interval: scope.interval,
  include_test: !!scope.include_test,
})
