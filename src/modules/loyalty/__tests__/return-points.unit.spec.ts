import { earningBasis, pointsForReturnedItems } from "../lib/return-points"

const settings = { earn_rates: { eur: { points: 1, amount: 1 } }, rounding: "floor" as const, count_shipping: false, count_taxes: false }
const order = {
  currency_code: "eur",
  item_total: 81.89,
  item_tax_total: 11.9,
  shipping_total: 4.9,
  shipping_tax_total: 0,
  items: [
    { id: "hoodie", quantity: 1, total: 58.49, tax_total: 8.5 },
    { id: "tote", quantity: 2, total: 23.4, tax_total: 3.4 },
  ],
}

describe("points taken back by returns", () => {
  it("snapshots what earned, without taxes unless the program counts them", () => {
    expect(earningBasis(order, settings)).toEqual({
      amount: "69.99",
      items: { hoodie: { quantity: 1, amount: "49.99" }, tote: { quantity: 2, amount: "20" } },
    })
    expect(earningBasis(order, { ...settings, count_taxes: true }).items.tote.amount).toBe("23.4")
  })

  it("is cumulative: parts add up to exactly what was earned, never more", () => {
    const basis = earningBasis(order, settings)
    expect(pointsForReturnedItems(69, basis, { tote: 1 }, "floor")).toBe(9)
    expect(pointsForReturnedItems(69, basis, { tote: 2 }, "floor")).toBe(19)
    expect(pointsForReturnedItems(69, basis, { tote: 2, hoodie: 1 }, "floor")).toBe(69)
    expect(pointsForReturnedItems(69, basis, { tote: 5, hoodie: 3, unknown: 1 }, "floor")).toBe(69)
    expect(pointsForReturnedItems(69, basis, { tote: 1 }, "nearest")).toBe(10)
    expect(pointsForReturnedItems(0, basis, { tote: 1 }, "floor")).toBe(0)
  })
})
