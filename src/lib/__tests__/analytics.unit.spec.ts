import { CSV_HEADERS, CSV_WORDS } from "../analytics/csv-tables"
import { analyticsScope, periodsOf, share } from "../analytics/scope"
import { CsvDecimal, csvCell } from "../csv"

describe("analytics buckets", () => {
  it("months in the program's zone: the first and last cut to the range, instants at local midnight", () => {
    const periods = periodsOf({ year: 2026, month: 1, day: 15 }, { year: 2026, month: 3, day: 10 }, "month", "Europe/Luxembourg")
    expect(periods.map((p) => [p.key, p.start.toISOString(), p.end.toISOString()])).toEqual([
      ["2026-01", "2026-01-14T23:00:00.000Z", "2026-01-31T23:00:00.000Z"],
      ["2026-02", "2026-01-31T23:00:00.000Z", "2026-02-28T23:00:00.000Z"],
      // Summer time starts on 29 March: the range ends at midnight of the 11th, still UTC+1.
      ["2026-03", "2026-02-28T23:00:00.000Z", "2026-03-10T23:00:00.000Z"],
    ])
  })

  it("ISO weeks keyed by their Monday, days by their date", () => {
    expect(periodsOf({ year: 2026, month: 3, day: 4 }, { year: 2026, month: 3, day: 17 }, "week", "UTC").map((p) => p.key)).toEqual(["2026-03-02", "2026-03-09", "2026-03-16"])
    expect(periodsOf({ year: 2024, month: 2, day: 28 }, { year: 2024, month: 3, day: 1 }, "day", "UTC").map((p) => p.key)).toEqual(["2024-02-28", "2024-02-29", "2024-03-01"])
  })

  it("defaults to the twelve months up to today", () => {
    const scope = analyticsScope({ program_id: "p", time_zone: "UTC", now: new Date("2026-12-04T12:00:00Z") })
    expect([scope.from, scope.to, scope.periods.length, scope.periods[0].key]).toEqual(["2026-01-01", "2026-12-04", 12, "2026-01"])
  })

  it("shares to four decimals, null without a denominator", () => {
    expect([share(150, 354), share(2, 3), share(0, 5), share(3, 0)]).toEqual([0.4237, 0.6667, 0, null])
  })
})

describe("analytics CSV texts", () => {
  it.each(Object.entries({ ...CSV_HEADERS, ...CSV_WORDS }))("%s is written in en, fr, de and lb", (_key, words) => {
    expect(Object.keys(words).sort()).toEqual(["de", "en", "fr", "lb"])
    for (const text of Object.values(words)) expect(text.trim().length).toBeGreaterThan(0)
  })

  it("money keeps its currency's digits, with the locale's decimal mark", () => {
    expect([csvCell(new CsvDecimal("5.00"), "fr"), csvCell(new CsvDecimal("-12.50"), "en"), csvCell(new CsvDecimal("7"), "de")]).toEqual(["5,00", "-12.50", "7"])
    expect(() => new CsvDecimal("=1+1")).toThrow("a CSV decimal must be written like -12.50 (got =1+1)")
  })
})
