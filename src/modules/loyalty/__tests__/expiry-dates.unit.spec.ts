import { addMonths, calendarDayIn, endOfDayIn, endOfMonthIn, knownTimeZone, lotExpiry, startOfDayIn } from "../lib/expiry-dates"
import { addMonths as addMonthsFromStore } from "../lib/ledger/expiry-store"
import { wallClock as wall } from "../../../../integration-tests/fixtures/wall-clock"

const LU = "Europe/Luxembourg"

describe("addMonths (point validity)", () => {
  const iso = (d: Date) => d.toISOString().slice(0, 10)

  it("keeps the day of the month, or takes the last day of a shorter month", () => {
    expect(iso(addMonths(new Date("2026-01-31T10:00:00Z"), 1))).toBe("2026-02-28")
    expect(iso(addMonths(new Date("2028-01-31T10:00:00Z"), 1))).toBe("2028-02-29")
    expect(iso(addMonths(new Date("2026-03-31T10:00:00Z"), 1))).toBe("2026-04-30")
    expect(iso(addMonths(new Date("2026-05-15T10:00:00Z"), 1))).toBe("2026-06-15")
  })

  it("crosses years and keeps the time of day", () => {
    expect(addMonths(new Date("2026-11-30T23:59:00Z"), 3).toISOString()).toBe("2027-02-28T23:59:00.000Z")
    expect(iso(addMonths(new Date("2026-08-31T00:00:00Z"), 12))).toBe("2027-08-31")
    expect(iso(addMonths(new Date("2028-02-29T00:00:00Z"), 12))).toBe("2029-02-28")
  })

  it("is still importable from the expiry store", () => {
    expect(addMonthsFromStore).toBe(addMonths)
  })
})

describe("lotExpiry", () => {
  const rule = (months: number | null, end_of_month: boolean, time_zone = LU) => ({ months, end_of_month, time_zone })

  it("without end of month: the validity months later, to the millisecond (as before)", () => {
    const at = new Date("2026-01-15T09:30:12.345Z")
    expect(lotExpiry(at, rule(12, false))!.toISOString()).toBe("2027-01-15T09:30:12.345Z")
    expect(lotExpiry(at, rule(null, false))).toBeNull()
    expect(lotExpiry(at, rule(null, true))).toBeNull()
  })

  it("end of month: a credit on 15 January with 12 months expires on 31 January of the next year, 23:59:59.999 in Luxembourg", () => {
    const expiry = lotExpiry(new Date("2026-01-15T10:00:00Z"), rule(12, true))!
    // Winter time: Luxembourg is UTC+1.
    expect(expiry.toISOString()).toBe("2027-01-31T22:59:59.999Z")
    expect(wall(expiry, LU)).toBe("2027-01-31 23:59:59.999")
    expect(calendarDayIn(expiry, LU)).toBe("2027-01-31")
    // One millisecond later is the next day there.
    expect(calendarDayIn(new Date(expiry.getTime() + 1), LU)).toBe("2027-02-01")
  })

  it("end of month: the month is the credit's month in the program's zone, not in UTC", () => {
    // 31 January 23:30 UTC is already 1 February in Luxembourg: its validity ends in March.
    expect(lotExpiry(new Date("2026-01-31T23:30:00Z"), rule(1, true))!.toISOString()).toBe("2026-03-31T21:59:59.999Z")
    // 30 January 23:30 UTC is 31 January there: one month later is (the end of) February, where
    // addMonths on the UTC day would have run into March.
    expect(lotExpiry(new Date("2026-01-30T23:30:00Z"), rule(1, true))!.toISOString()).toBe("2026-02-28T22:59:59.999Z")
    // The same instant in UTC: still 30 January, end of February too.
    expect(lotExpiry(new Date("2026-01-30T23:30:00Z"), rule(1, true, "UTC"))!.toISOString()).toBe("2026-02-28T23:59:59.999Z")
  })

  it("end of month across daylight saving: end of March in summer time, end of October in winter time", () => {
    // Credited in winter time, expires in summer time (UTC+2) on 31 March.
    const march = lotExpiry(new Date("2029-03-10T12:00:00Z"), rule(12, true))!
    expect(march.toISOString()).toBe("2030-03-31T21:59:59.999Z")
    expect(wall(march, LU)).toBe("2030-03-31 23:59:59.999")
    // Credited in summer time, expires in winter time (UTC+1) on 31 October.
    const october = lotExpiry(new Date("2026-10-05T12:00:00Z"), rule(12, true))!
    expect(october.toISOString()).toBe("2027-10-31T22:59:59.999Z")
    expect(wall(october, LU)).toBe("2027-10-31 23:59:59.999")
  })

  it("end of month on the very day the clocks change (31 March 2030, 31 October 2027 are the switch Sundays)", () => {
    // The day of the spring switch has 23 hours, the autumn one 25: the end of the day is still 23:59:59.999 local.
    expect(endOfDayIn({ year: 2030, month: 3, day: 31 }, LU).toISOString()).toBe("2030-03-31T21:59:59.999Z")
    expect(startOfDayIn({ year: 2030, month: 3, day: 31 }, LU).toISOString()).toBe("2030-03-30T23:00:00.000Z")
    expect(endOfDayIn({ year: 2027, month: 10, day: 31 }, LU).toISOString()).toBe("2027-10-31T22:59:59.999Z")
    expect(startOfDayIn({ year: 2027, month: 10, day: 31 }, LU).toISOString()).toBe("2027-10-30T22:00:00.000Z")
    expect(endOfMonthIn(2027, 10, LU).getTime() - startOfDayIn({ year: 2027, month: 10, day: 31 }, LU).getTime()).toBe(25 * 3_600_000 - 1)
    expect(endOfMonthIn(2030, 3, LU).getTime() - startOfDayIn({ year: 2030, month: 3, day: 31 }, LU).getTime()).toBe(23 * 3_600_000 - 1)
  })

  it("months roll over the year, and February of leap years ends on the 29th", () => {
    expect(lotExpiry(new Date("2026-11-20T12:00:00Z"), rule(3, true))!.toISOString()).toBe("2027-02-28T22:59:59.999Z")
    expect(lotExpiry(new Date("2027-02-01T12:00:00Z"), rule(12, true))!.toISOString()).toBe("2028-02-29T22:59:59.999Z")
    expect(lotExpiry(new Date("2026-12-31T12:00:00Z"), rule(24, true))!.toISOString()).toBe("2028-12-31T22:59:59.999Z")
  })

  it("zones west of UTC: the local end of the day is the next day in UTC, and still that day locally", () => {
    const expiry = lotExpiry(new Date("2026-01-15T12:00:00Z"), rule(12, true, "America/New_York"))!
    expect(expiry.toISOString()).toBe("2027-02-01T04:59:59.999Z")
    expect(calendarDayIn(expiry, "America/New_York")).toBe("2027-01-31")
    expect(calendarDayIn(expiry, "UTC")).toBe("2027-02-01")
  })

  it("a day whose midnight is skipped or comes twice still ends at its last local millisecond", () => {
    // Havana jumps from 00:00 to 01:00 on 8 March 2026: 7 March ends at 23:59:59.999 CST (UTC-5).
    expect(endOfDayIn({ year: 2026, month: 3, day: 7 }, "America/Havana").toISOString()).toBe("2026-03-08T04:59:59.999Z")
    expect(startOfDayIn({ year: 2026, month: 3, day: 8 }, "America/Havana").toISOString()).toBe("2026-03-08T05:00:00.000Z")
    // Santiago sets 24:00 back to 23:00 on 4 April 2026: the day ends after the second 23:59 (UTC-4).
    expect(endOfDayIn({ year: 2026, month: 4, day: 4 }, "America/Santiago").toISOString()).toBe("2026-04-05T03:59:59.999Z")
  })

  it("an unknown zone counts as UTC", () => {
    expect(knownTimeZone("Mars/Olympus")).toBe("UTC")
    expect(knownTimeZone(null)).toBe("UTC")
    expect(knownTimeZone(LU)).toBe(LU)
    expect(lotExpiry(new Date("2026-01-15T10:00:00Z"), rule(12, true, "Mars/Olympus"))!.toISOString()).toBe("2027-01-31T23:59:59.999Z")
  })
})
