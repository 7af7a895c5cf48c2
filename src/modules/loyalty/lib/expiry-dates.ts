/**
 * The expiry rules of points, pure: when a credit's lot expires under the program's validity
 * (`points_validity_months`, optionally to the end of that month in the program's time zone),
 * and the calendar day an instant falls on there (what the expiring-points mail states).
 * Time zones are read with Intl only; an unknown zone counts as UTC.
 */

/** A calendar date (month 1-12). */
export type CalendarDate = { year: number; month: number; day: number }

export type ValidityRule = {
  /** Months a credit is valid for; null: points never expire. */
  months: number | null
  /** The lot expires at the end of the last day of the month its validity ends in. */
  end_of_month: boolean
  /** IANA zone whose calendar "the end of the month" is read in. */
  time_zone: string
}

const DAY_MS = 86_400_000

/**
 * `date` plus `months` calendar months, on the same day of the month or, when that month is
 * shorter, its last day (31 January + 1 month is 28 or 29 February, never 2 or 3 March).
 */
export function addMonths(date: Date, months: number): Date {
  const d = new Date(date.getTime())
  const day = d.getUTCDate()
  d.setUTCDate(1)
  d.setUTCMonth(d.getUTCMonth() + months)
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate()
  d.setUTCDate(Math.min(day, lastDay))
  return d
}

/** Whether Intl knows the IANA zone (what the program's time_zone setting accepts). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone })
    return true
  } catch {
    return false
  }
}

/** The zone itself when Intl knows it, else "UTC". */
export function knownTimeZone(timeZone: string | null | undefined): string {
  return timeZone && isTimeZone(timeZone) ? timeZone : "UTC"
}

const formatters = new Map<string, Intl.DateTimeFormat>()

/** The wall clock of `at` in `timeZone`, to the second. */
function wallClock(at: Date, timeZone: string) {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    })
    formatters.set(timeZone, f)
  }
  const parts = f.formatToParts(at)
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute"), second: get("second") }
}

/** How far the zone's wall clock is ahead of UTC at `at`. */
function offsetMs(at: number, timeZone: string): number {
  const w = wallClock(new Date(at), timeZone)
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - (at - (((at % 1000) + 1000) % 1000))
}

/** The calendar date of an instant in `timeZone`. */
export function calendarDateIn(at: Date, timeZone: string): CalendarDate {
  const { year, month, day } = wallClock(at, knownTimeZone(timeZone))
  return { year, month, day }
}

/** `YYYY-MM-DD` of an instant in `timeZone`: the day the shopper's calendar shows. */
export function calendarDayIn(at: Date, timeZone: string): string {
  const d = calendarDateIn(at, timeZone)
  return `${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`
}

const sameDate = (a: CalendarDate, b: CalendarDate) => a.year === b.year && a.month === b.month && a.day === b.day

/** The date `days` after `date` (month and year rolled over). */
function plusDays(date: CalendarDate, days: number): CalendarDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY_MS)
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }
}

/**
 * The first instant of `date` in `timeZone`: its midnight, or where a daylight saving change
 * skips midnight (America/Havana), the moment the clock jumps; where midnight comes twice
 * (the clock set back at 24:00, America/Santiago), the one that starts the day.
 */
export function startOfDayIn(date: CalendarDate, timeZone: string): Date {
  const zone = knownTimeZone(timeZone)
  const wall = Date.UTC(date.year, date.month - 1, date.day)
  // The offsets in force around that day: before and after a change on it, if there is one.
  const offsets = new Set([offsetMs(wall - DAY_MS, zone), offsetMs(wall, zone), offsetMs(wall + DAY_MS, zone)])
  const starts = [...offsets].map((o) => wall - o).filter((t) => sameDate(calendarDateIn(new Date(t), zone), date))
  // A day the zone skipped altogether (Pacific/Apia, 30 December 2011) starts with the next one.
  return starts.length ? new Date(Math.min(...starts)) : startOfDayIn(plusDays(date, 1), zone)
}

/** The last millisecond of `date` in `timeZone` (23:59:59.999 on its wall clock). */
export function endOfDayIn(date: CalendarDate, timeZone: string): Date {
  return new Date(startOfDayIn(plusDays(date, 1), timeZone).getTime() - 1)
}

/** The last millisecond of the month (1-12) in `timeZone`. */
export function endOfMonthIn(year: number, month: number, timeZone: string): Date {
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return endOfDayIn({ year, month, day: lastDay }, timeZone)
}

/**
 * When the lot of a credit made at `creditedAt` expires (null: never):
 * - `months` later (addMonths: same day of the month, or the last day of a shorter month);
 * - with `end_of_month`, at the end of the last day of the month that validity ends in, as the
 *   program's time zone reads it: the credit's local month plus `months` (a credit on 15 January
 *   with 12 months expires on 31 January of the next year at 23:59:59.999 local time).
 */
export function lotExpiry(creditedAt: Date, rule: ValidityRule): Date | null {
  if (!rule.months || rule.months <= 0) return null
  if (!rule.end_of_month) return addMonths(creditedAt, rule.months)
  const local = calendarDateIn(creditedAt, rule.time_zone)
  const index = local.month - 1 + rule.months
  return endOfMonthIn(local.year + Math.floor(index / 12), (index % 12) + 1, rule.time_zone)
}
