import { addMonths } from "../lib/ledger/expiry-store"

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
})
