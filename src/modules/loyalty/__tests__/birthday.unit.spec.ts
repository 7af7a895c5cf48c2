import {
  birthdayBonusKey,
  birthdayBonusOutlook,
  birthdayDateRule,
  birthdayIn,
  birthdaysOn,
  daysBetween,
  isLeapYear,
  isValidBirthday,
  localDate,
} from "../lib/birthday"

const LUX = "Europe/Luxembourg"
const program = { time_zone: LUX, birthday_bonus_points: 100, status: "active" }
const member = (over: Record<string, unknown> = {}) => ({
  status: "active",
  birthday_month: 5,
  birthday_day: 17,
  birthday_set_at: "2024-01-10T12:00:00Z",
  birthday_changed_at: null,
  ...over,
})

describe("birthday dates", () => {
  it("accepts days the month has in some year (29 February), refuses the others", () => {
    expect(isValidBirthday(2, 29)).toBe(true)
    expect(isValidBirthday(12, 31)).toBe(true)
    expect(isValidBirthday(4, 31)).toBe(false)
    expect(isValidBirthday(2, 30)).toBe(false)
    expect(isValidBirthday(13, 1)).toBe(false)
    expect(isValidBirthday(0, 1)).toBe(false)
    expect(isValidBirthday(1, 0)).toBe(false)
    expect(isValidBirthday(1.5, 3)).toBe(false)
    expect(isValidBirthday("5", 3)).toBe(false)
  })

  it("29 February is celebrated on 28 February in a common year, on the 29th in a leap year", () => {
    expect(isLeapYear(2028)).toBe(true)
    expect(isLeapYear(2100)).toBe(false)
    expect(isLeapYear(2000)).toBe(true)
    expect(birthdayIn(2027, { month: 2, day: 29 })).toEqual({ year: 2027, month: 2, day: 28 })
    expect(birthdayIn(2028, { month: 2, day: 29 })).toEqual({ year: 2028, month: 2, day: 29 })
    expect(birthdaysOn({ year: 2027, month: 2, day: 28 })).toEqual([{ month: 2, day: 28 }, { month: 2, day: 29 }])
    expect(birthdaysOn({ year: 2028, month: 2, day: 28 })).toEqual([{ month: 2, day: 28 }])
    expect(birthdaysOn({ year: 2028, month: 2, day: 29 })).toEqual([{ month: 2, day: 29 }])
  })

  it("the day is the program's: 22:30 UTC on 16 May is 17 May in Luxembourg (summer time), still 16 May in UTC", () => {
    const at = new Date("2026-05-16T22:30:00Z")
    expect(localDate(at, LUX)).toEqual({ year: 2026, month: 5, day: 17 })
    expect(localDate(at, "UTC")).toEqual({ year: 2026, month: 5, day: 16 })
    // In winter Luxembourg is UTC+1: 23:30 UTC on 31 December is already the new year.
    expect(localDate(new Date("2026-12-31T23:30:00Z"), LUX)).toEqual({ year: 2027, month: 1, day: 1 })
    expect(daysBetween({ year: 2026, month: 12, day: 31 }, { year: 2027, month: 1, day: 1 })).toBe(1)
    expect(daysBetween({ year: 2028, month: 3, day: 1 }, { year: 2028, month: 2, day: 28 })).toBe(-2)
  })

  it("the key is per account and calendar year", () => {
    expect(birthdayBonusKey("lacct_1", 2026)).toBe("birthday:lacct_1:2026")
  })
})

describe("birthday rules", () => {
  const may17 = { year: 2026, month: 5, day: 17 }

  it("a date first given fewer than 30 days before the birthday earns nothing that year; 30 days is enough", () => {
    expect(birthdayDateRule(member({ birthday_set_at: "2026-04-18T08:00:00Z" }), may17, LUX)).toBe("set_recently")
    expect(birthdayDateRule(member({ birthday_set_at: "2026-04-17T08:00:00Z" }), may17, LUX)).toBeNull()
    // Counted on the program's calendar: 22:30 UTC on 17 April is already 18 April in Luxembourg (29 days before).
    expect(birthdayDateRule(member({ birthday_set_at: "2026-04-17T22:30:00Z" }), may17, LUX)).toBe("set_recently")
    expect(birthdayDateRule(member({ birthday_set_at: "2026-04-17T22:30:00Z" }), may17, "UTC")).toBeNull()
  })

  it("a change fewer than 365 days before the birthday earns nothing; a change a year before does", () => {
    expect(birthdayDateRule(member({ birthday_changed_at: "2025-05-18T10:00:00Z" }), may17, LUX)).toBe("changed_recently")
    expect(birthdayDateRule(member({ birthday_changed_at: "2025-05-17T10:00:00Z" }), may17, LUX)).toBeNull()
    // An old first setting does not excuse a recent change.
    expect(birthdayDateRule(member({ birthday_set_at: "2020-01-01T00:00:00Z", birthday_changed_at: "2026-01-01T00:00:00Z" }), may17, LUX)).toBe("changed_recently")
  })

  it("the outlook: next day and whether it pays, and why not", () => {
    const now = new Date("2026-03-01T12:00:00Z")
    expect(birthdayBonusOutlook(member(), program, { now, paidYears: [] })).toEqual({ next_on: "2026-05-17", eligible: true, reason: null })
    expect(birthdayBonusOutlook(member({ birthday_month: null, birthday_day: null }), program, { now, paidYears: [] })).toEqual({ next_on: null, eligible: false, reason: "no_birthday" })
    expect(birthdayBonusOutlook(member(), { ...program, birthday_bonus_points: 0 }, { now, paidYears: [] })).toMatchObject({ eligible: false, reason: "bonus_off" })
    expect(birthdayBonusOutlook(member(), { ...program, status: "paused" }, { now, paidYears: [] })).toMatchObject({ eligible: false, reason: "program_paused" })
    expect(birthdayBonusOutlook(member({ status: "blocked" }), program, { now, paidYears: [] })).toMatchObject({ eligible: false, reason: "account_blocked" })
    expect(birthdayBonusOutlook(member({ birthday_set_at: "2026-04-30T00:00:00Z" }), program, { now: new Date("2026-05-01T00:00:00Z"), paidYears: [] })).toEqual({
      next_on: "2026-05-17",
      eligible: false,
      reason: "set_recently",
    })
    // Changed now: nothing this year, nor next year's birthday (less than 365 days away).
    expect(birthdayBonusOutlook(member({ birthday_changed_at: "2026-03-01T12:00:00Z" }), program, { now, paidYears: [] })).toMatchObject({
      next_on: "2026-05-17",
      reason: "changed_recently",
    })
  })

  it("the outlook moves to next year once the day has passed or this year's bonus is paid", () => {
    expect(birthdayBonusOutlook(member(), program, { now: new Date("2026-06-01T00:00:00Z"), paidYears: [] }).next_on).toBe("2027-05-17")
    // On the day itself: today until paid, then next year.
    const onTheDay = new Date("2026-05-17T06:00:00Z")
    expect(birthdayBonusOutlook(member(), program, { now: onTheDay, paidYears: [] }).next_on).toBe("2026-05-17")
    expect(birthdayBonusOutlook(member(), program, { now: onTheDay, paidYears: [2026] }).next_on).toBe("2027-05-17")
    // 29 February: the next one falls on 28 February 2027, then 29 February 2028.
    const leapling = member({ birthday_month: 2, birthday_day: 29 })
    expect(birthdayBonusOutlook(leapling, program, { now: new Date("2026-12-01T00:00:00Z"), paidYears: [] }).next_on).toBe("2027-02-28")
    expect(birthdayBonusOutlook(leapling, program, { now: new Date("2027-03-01T00:00:00Z"), paidYears: [] }).next_on).toBe("2028-02-29")
  })
})
