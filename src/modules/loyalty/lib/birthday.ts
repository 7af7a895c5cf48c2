import { calendarDateIn } from "./expiry-dates"
/**
 * The birthday bonus's calendar rules, pure: which day a member's bonus falls on in a year (in
 * the program's time zone), and whether a recent first setting or change of the date cancels it.
 */

export type Birthday = { month: number; day: number }

/** A calendar date in some time zone (month 1-12). */
export type LocalDate = { year: number; month: number; day: number }

/** A birthday first given fewer days than this before it earns nothing that year. */
export const BIRTHDAY_SET_QUIET_DAYS = 30
/** A birthday changed fewer days than this before it earns nothing that year. */
export const BIRTHDAY_CHANGE_QUIET_DAYS = 365

/** Why a member's next birthday pays no bonus. */
export type BirthdayBonusReason =
  | "no_birthday"
  | "bonus_off"
  | "program_paused"
  | "account_blocked"
  | "set_recently"
  | "changed_recently"

export const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/** True when the day exists in the month of some year: 29 February is a birthday, 31 April is not. */
export function isValidBirthday(month: unknown, day: unknown): boolean {
  if (!Number.isInteger(month) || !Number.isInteger(day)) return false
  const m = month as number
  const d = day as number
  return m >= 1 && m <= 12 && d >= 1 && d <= DAYS_IN_MONTH[m - 1]
}

/** The calendar date of an instant in an IANA time zone (the expiry rules' calendar). */
export const localDate: (at: Date, timeZone: string) => LocalDate = calendarDateIn

/** Days from `a` to `b` (negative when `b` is earlier). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000)
}

export const sameDate = (a: LocalDate, b: LocalDate) => a.year === b.year && a.month === b.month && a.day === b.day

export const formatLocalDate = (d: LocalDate) => `${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`

/** The day a birthday is celebrated in `year`: 29 February falls on 28 February in a year without one. */
export function birthdayIn(year: number, birthday: Birthday): LocalDate {
  if (birthday.month === 2 && birthday.day === 29 && !isLeapYear(year)) return { year, month: 2, day: 28 }
  return { year, month: birthday.month, day: birthday.day }
}

/** The birthdays celebrated on `date`: its own, and 29 February on 28 February of a common year. */
export function birthdaysOn(date: LocalDate): Birthday[] {
  const own = { month: date.month, day: date.day }
  return date.month === 2 && date.day === 28 && !isLeapYear(date.year) ? [own, { month: 2, day: 29 }] : [own]
}

/** Idempotency key of a member's birthday bonus of a year: once per calendar year, whatever happens. */
export const birthdayBonusKey = (accountId: string, year: number) => `birthday:${accountId}:${year}`

export type BirthdayAccount = {
  birthday_month: number | null
  birthday_day: number | null
  /** When a birthday was first given. */
  birthday_set_at: Date | string | null
  /** When a given birthday was last changed (or removed). */
  birthday_changed_at: Date | string | null
}

export function birthdayOf(account: BirthdayAccount): Birthday | null {
  return account.birthday_month && account.birthday_day ? { month: account.birthday_month, day: account.birthday_day } : null
}

/**
 * Whether the date rules let the birthday celebrated on `on` pay: the birthday was first given
 * at least 30 days before that day, and not changed in the 365 days before it (days counted
 * on the program's calendar). Null when it may pay, else why not.
 */
export function birthdayDateRule(account: BirthdayAccount, on: LocalDate, timeZone: string): "set_recently" | "changed_recently" | null {
  if (account.birthday_changed_at && daysBetween(localDate(new Date(account.birthday_changed_at), timeZone), on) < BIRTHDAY_CHANGE_QUIET_DAYS) {
    return "changed_recently"
  }
  if (account.birthday_set_at && daysBetween(localDate(new Date(account.birthday_set_at), timeZone), on) < BIRTHDAY_SET_QUIET_DAYS) {
    return "set_recently"
  }
  return null
}

export type BirthdayBonusOutlook = {
  /** The next day a bonus can fall on (YYYY-MM-DD, program calendar); null without a birthday. */
  next_on: string | null
  /** Whether that day pays, as things stand (a later change of the date can still cancel it). */
  eligible: boolean
  reason: BirthdayBonusReason | null
}

/**
 * The member's next birthday bonus as of `now`: today when today is the birthday and this
 * year's bonus is not paid yet, otherwise the next birthday; and whether it pays.
 */
export function birthdayBonusOutlook(
  account: BirthdayAccount & { status: string },
  program: { time_zone?: string | null; birthday_bonus_points: number; status: string },
  { now, paidYears }: { now: Date; paidYears: number[] }
): BirthdayBonusOutlook {
  const birthday = birthdayOf(account)
  if (!birthday) return { next_on: null, eligible: false, reason: "no_birthday" }
  const timeZone = program.time_zone || "UTC"
  const today = localDate(now, timeZone)
  let on = birthdayIn(today.year, birthday)
  if (daysBetween(today, on) < 0 || paidYears.includes(on.year)) on = birthdayIn(today.year + 1, birthday)
  const reason: BirthdayBonusReason | null =
    !(program.birthday_bonus_points > 0)
      ? "bonus_off"
      : program.status !== "active"
        ? "program_paused"
        : account.status !== "active"
          ? "account_blocked"
          : birthdayDateRule(account, on, timeZone)
  return { next_on: formatLocalDate(on), eligible: !reason, reason }
}
