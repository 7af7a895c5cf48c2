import { earnPreview, type EarnPreviewContext } from "../lib/earn-preview"
import { pointsForOrder } from "../lib/earn-points"

const program: EarnPreviewContext["program"] = {
  id: "lprog_1",
  status: "active",
  earn_rates: { eur: { points: 3, amount: 2 } },
  rounding: "floor",
  count_shipping: true,
  count_taxes: false,
  pending_days: 14,
}
const totals = { currency_code: "eur", item_total: "117", item_tax_total: "17", shipping_total: "5.85", shipping_tax_total: "0.85" }
const member = { id: "lacct_1", status: "active", tier_id: "ltier_gold" }
const gold = { id: "ltier_gold", multiplier: 1.25 }
const input: Parameters<typeof earnPreview>[1] = { totals, currency_code: "EUR", sales_channel_ids: ["sc_web"], program_sales_channel_ids: [] }

describe("earnPreview", () => {
  it("counts like the award: the same amount and points as pointsForOrder, times the member's tier", () => {
    const base = earnPreview({ program, account: null, tier: null }, input)
    expect(base).toMatchObject({ points: pointsForOrder(totals, program), amount_counted: "105", multiplier: "1", enrolled: false, tier_id: null, pending_days: 14, skip_reason: null })
    // 105 x 3 / 2 = 157.5 x 1.25 = 196.875, rounded once.
    expect(earnPreview({ program, account: member, tier: gold }, input)).toMatchObject({ points: 196, multiplier: "1.25", tier_id: "ltier_gold", enrolled: true })
    expect(earnPreview({ program: { ...program, rounding: "nearest" }, account: member, tier: gold }, input).points).toBe(197)
  })

  it("a tier that is not the account's (removed) earns at 1", () => {
    expect(earnPreview({ program, account: { ...member, tier_id: "ltier_old" }, tier: gold }, input)).toMatchObject({ points: 157, multiplier: "1", tier_id: null })
  })

  it("earns nothing, saying why, in the award's order of checks", () => {
    const why = (ctx: Partial<EarnPreviewContext>, over: Partial<typeof input> = {}) =>
      earnPreview({ program, account: member, tier: gold, ...ctx }, { ...input, ...over })
    expect(why({ program: { ...program, status: "paused" } })).toMatchObject({ points: 0, skip_reason: "program_paused" })
    expect(why({}, { program_sales_channel_ids: ["sc_shop"] })).toMatchObject({ points: 0, skip_reason: "sales_channel_not_enabled" })
    expect(why({}, { program_sales_channel_ids: ["sc_shop", "sc_web"] }).skip_reason).toBeNull()
    expect(why({}, { currency_code: "usd" })).toMatchObject({ points: 0, rate: null, skip_reason: "currency_not_earning" })
    expect(why({ account: { ...member, status: "blocked" } })).toMatchObject({ points: 0, skip_reason: "account_blocked" })
    expect(why({}, { totals: null })).toMatchObject({ points: 0, amount_counted: "0", skip_reason: "no_price" })
  })
})
