import { BigNumber } from "@medusajs/framework/utils"
import {
  countableAmount,
  pointsForAmount,
  pointsForOrder,
  type CountableOrderTotals,
  type EarnSettings,
} from "../lib/earn-points"

const settings = (over: Partial<EarnSettings> = {}): EarnSettings => ({
  earn_rates: { eur: { points: 1, amount: 1 } },
  rounding: "floor",
  count_shipping: false,
  count_taxes: false,
  ...over,
})

// Medusa order totals: item_total and shipping_total include their taxes.
// Items 100.00 net + 19.00 tax; shipping 10.00 net + 1.90 tax.
const order = (over: Partial<CountableOrderTotals> = {}): CountableOrderTotals => ({
  currency_code: "eur",
  item_total: 119,
  item_tax_total: 19,
  shipping_total: 11.9,
  shipping_tax_total: 1.9,
  ...over,
})

describe("pointsForOrder", () => {
  it("counts items net of tax, without shipping, by default", () => {
    expect(pointsForOrder(order(), settings())).toBe(100)
  })

  it("adds net shipping when count_shipping", () => {
    expect(pointsForOrder(order(), settings({ count_shipping: true }))).toBe(110)
  })

  it("adds item tax (but not shipping tax) when count_taxes without count_shipping", () => {
    expect(pointsForOrder(order(), settings({ count_taxes: true }))).toBe(119)
  })

  it("counts the whole order with shipping and taxes", () => {
    expect(countableAmount(order(), settings({ count_taxes: true, count_shipping: true })).toString()).toBe("130.9")
    expect(pointsForOrder(order(), settings({ count_taxes: true, count_shipping: true }))).toBe(130)
  })

  it("floors by default and rounds half up with nearest", () => {
    const o = order({ item_total: "10.5", item_tax_total: 0, shipping_total: 0, shipping_tax_total: 0 })
    expect(pointsForOrder(o, settings())).toBe(10)
    expect(pointsForOrder(o, settings({ rounding: "nearest" }))).toBe(11)
    const low = order({ item_total: "10.49", item_tax_total: 0 })
    expect(pointsForOrder(low, settings({ rounding: "nearest" }))).toBe(10)
    const high = order({ item_total: "10.99", item_tax_total: 0 })
    expect(pointsForOrder(high, settings())).toBe(10)
    expect(pointsForOrder(high, settings({ rounding: "nearest" }))).toBe(11)
  })

  it("gives 0 for a currency the program has no rate for", () => {
    expect(pointsForOrder(order({ currency_code: "usd" }), settings())).toBe(0)
    expect(pointsForOrder(order(), settings({ earn_rates: {} }))).toBe(0)
  })

  it("gives 0 for a broken rate instead of dividing by zero", () => {
    expect(pointsForOrder(order(), settings({ earn_rates: { eur: { points: 1, amount: 0 } } }))).toBe(0)
    expect(pointsForOrder(order(), settings({ earn_rates: { eur: { points: 0, amount: 1 } } }))).toBe(0)
  })

  it("matches the currency case-insensitively", () => {
    expect(pointsForOrder(order({ currency_code: "EUR" }), settings())).toBe(100)
    expect(pointsForOrder(order({ currency_code: "Eur" }), settings())).toBe(100)
  })

  it("applies a per-currency decimal rate: 1 point per 2.00", () => {
    const s = settings({ earn_rates: { eur: { points: 1, amount: 2 }, sek: { points: 1, amount: 10 } } })
    expect(pointsForOrder(order(), s)).toBe(50)
    expect(pointsForOrder(order({ item_total: "3.99", item_tax_total: 0 }), s)).toBe(1)
    expect(pointsForOrder(order({ item_total: "3.99", item_tax_total: 0 }), { ...s, rounding: "nearest" })).toBe(2)
    expect(pointsForOrder(order({ currency_code: "sek", item_total: 1249, item_tax_total: 249 }), s)).toBe(100)
    const perHalf = settings({ earn_rates: { eur: { points: 3, amount: 1.5 } } })
    expect(pointsForOrder(order(), perHalf)).toBe(200)
  })

  it("accepts strings, numbers, BigNumber instances and raw BigNumber values", () => {
    const asString = order({ item_total: "119.00", item_tax_total: "19.00" })
    const asBigNumber = order({ item_total: new BigNumber(119), item_tax_total: new BigNumber("19") })
    const asRaw = order({
      item_total: { value: "119.0000000000000000", precision: 20 },
      item_tax_total: new BigNumber(19).raw!,
    })
    for (const o of [asString, asBigNumber, asRaw]) {
      expect(pointsForOrder(o, settings())).toBe(100)
    }
  })

  it("is exact on decimals that floats get wrong", () => {
    // 0.1 + 0.2 in floats is 0.30000000000000004; 3 points per 0.10 must give exactly 9.
    const o = order({ item_total: new BigNumber("0.3"), item_tax_total: 0 })
    expect(pointsForOrder(o, settings({ earn_rates: { eur: { points: 3, amount: 0.1 } } }))).toBe(9)
  })

  it("treats missing shipping as zero and never goes below zero", () => {
    expect(
      pointsForOrder(order({ shipping_total: null, shipping_tax_total: undefined }), settings({ count_shipping: true, count_taxes: true }))
    ).toBe(119)
    expect(pointsForOrder(order({ item_total: 0, item_tax_total: 5 }), settings())).toBe(0)
  })
})

describe("pointsForAmount", () => {
  it("converts an amount with the currency's rate", () => {
    const s = { earn_rates: { eur: { points: 2, amount: 1 } }, rounding: "floor" as const }
    expect(pointsForAmount("12.75", "EUR", s)).toBe(25)
    expect(pointsForAmount(new BigNumber(12.75), "eur", { ...s, rounding: "nearest" })).toBe(26)
    expect(pointsForAmount(-5, "eur", s)).toBe(0)
    expect(pointsForAmount(100, "gbp", s)).toBe(0)
  })
})
