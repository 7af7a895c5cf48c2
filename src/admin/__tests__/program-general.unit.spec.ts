import {
  apiFieldMessages,
  dayStartInZone,
  decimalText,
  earnRatesToBody,
  earnRatesToDraft,
  formatRateAmount,
  messageAt,
  messagesNotShown,
} from "../lib/program-general-api"

describe("the Program page's general, earning and liability sections", () => {
  it("edits the earn rates as rows and sends only the currencies switched on", () => {
    const draft = earnRatesToDraft({ eur: { points: 1, amount: 1 }, chf: { points: 2, amount: 0.5 } })
    expect(draft).toEqual({ eur: { on: true, points: "1", amount: "1" }, chf: { on: true, points: "2", amount: "0.5" } })
    expect(earnRatesToDraft(null)).toEqual({})
    // CHF switched off: left out, so it earns nothing; a value that is not a number goes as typed.
    expect(
      earnRatesToBody({ ...draft, chf: { ...draft.chf, on: false }, usd: { on: true, points: "abc", amount: "" } })
    ).toEqual({ eur: { points: 1, amount: 1 }, usd: { points: "abc", amount: null } })
  })

  it("writes a rate's amount with the currency's decimals in the admin's language", () => {
    expect(formatRateAmount(1, "eur", "en")).toBe("1.00")
    expect(formatRateAmount(1.5, "eur", "fr")).toBe("1,50")
    expect(formatRateAmount(100, "jpy", "en")).toBe("100")
    expect(formatRateAmount(2, "xyz", "en")).toBe("2.00")
  })

  it("puts each of the API's messages under the field it names, nested fields too", () => {
    const error = new Error(
      "Invalid request: earn_rates.eur.points must be greater than 0, got 0; liability_estimate.expected_redemption_rate must be more than 0 and at most 1 (0.97 = 97 %)"
    )
    expect(apiFieldMessages(error)).toEqual([
      { field: "earn_rates.eur.points", message: "earn_rates.eur.points must be greater than 0, got 0" },
      {
        field: "liability_estimate.expected_redemption_rate",
        message: "liability_estimate.expected_redemption_rate must be more than 0 and at most 1 (0.97 = 97 %)",
      },
    ])
    expect(messageAt(error, "earn_rates.eur.points")).toBe("earn_rates.eur.points must be greater than 0, got 0")
    expect(messageAt(error, "earn_rates.eur.amount")).toBeNull()
    // What no field of the section shows stays on the card, so nothing is lost.
    expect(messagesNotShown(error, ["earn_rates.eur.points"])).toBe(
      "liability_estimate.expected_redemption_rate must be more than 0 and at most 1 (0.97 = 97 %)"
    )
    // A workflow's message (no "Invalid request:") with a colon after its own text.
    const late = new Error("liability_estimate.effective_at must not be before the current estimate's (2026-01-01T00:00:00.000Z): a new estimate changes what is recognized from then on, not what was allocated")
    expect(messageAt(late, "liability_estimate.effective_at")).toBe(late.message)
    expect(apiFieldMessages(new Error("Something broke"))).toEqual([{ field: null, message: "Something broke" }])
    expect(messagesNotShown(new Error("Something broke"), ["name"])).toBe("Something broke")
    expect(apiFieldMessages(null)).toEqual([])
  })

  it("dates an estimate from the start of its day in the program's time zone; no day is now", () => {
    // Luxembourg is UTC+1 in winter and UTC+2 in summer.
    expect(dayStartInZone("2026-01-15", "Europe/Luxembourg")).toBe("2026-01-14T23:00:00.000Z")
    expect(dayStartInZone("2026-07-01", "Europe/Luxembourg")).toBe("2026-06-30T22:00:00.000Z")
    expect(dayStartInZone("2026-07-01", "UTC")).toBe("2026-07-01T00:00:00.000Z")
    expect(dayStartInZone("", "Europe/Luxembourg")).toBeUndefined()
    // Not a day: sent as typed, for the API to name.
    expect(dayStartInZone("soon", "UTC")).toBe("soon")
  })

  it("reads a decimal typed with a comma as the API does", () => {
    expect(decimalText(" 0,01 ")).toBe("0.01")
    expect(decimalText("0.9")).toBe("0.9")
    expect(decimalText("1,000.5")).toBe("1,000.5")
  })
})
