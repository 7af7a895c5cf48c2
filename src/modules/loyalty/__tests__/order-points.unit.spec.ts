import { earningBasis, moneyAuthorized, moneyKept, orderPointsTarget, upgradeBasis, type OrderForPoints } from "../lib/order-points"

/** Figures of Medusa 2.21 orders as its admin API left them (one hoodie 49.99, two totes 10 each, shipping 4.90). */
const settings = { earn_rates: { eur: { points: 1, amount: 1 } }, rounding: "floor" as const, count_shipping: false, count_taxes: false }
const placed: OrderForPoints = {
  currency_code: "eur",
  total: 74.89,
  paid: 74.89,
  item_total: 69.99,
  item_tax_total: 0,
  shipping_total: 4.9,
  shipping_tax_total: 0,
  items: [
    { id: "hoodie", quantity: 1, total: 49.99, tax_total: 0 },
    { id: "tote", quantity: 2, total: 20, tax_total: 0 },
  ],
}
const basis = earningBasis(placed, settings)
const now = (o: Partial<OrderForPoints>) => ({ ...placed, ...o })
const target = (o: Partial<OrderForPoints>, canceled = false, b = basis) => orderPointsTarget(b, now(o), canceled).target

describe("order points: what an order gives after its changes", () => {
  it("keeps the order's own figures at the first award", () => {
    expect(basis).toMatchObject({
      version: 2,
      amount: "69.99",
      shipping: "0",
      total: "74.89",
      paid: "74.89",
      rate: { points: 1, amount: 1 },
      items: { hoodie: { quantity: 1, amount: "49.99" }, tote: { quantity: 2, amount: "20" } },
    })
    expect(target({})).toBe(69)
  })

  it("a return received in two passes takes back each pass (the order items count both)", () => {
    const pass1 = { total: 64.89, paid: 74.89, items: [placed.items![0]!, { id: "tote", quantity: 2, total: 10, tax_total: 0, detail: { return_received_quantity: 1 } }] }
    const pass2 = { total: 54.89, items: [placed.items![0]!, { id: "tote", quantity: 2, total: 0, tax_total: 0, detail: { return_received_quantity: 2 } }] }
    expect(target(pass1)).toBe(59)
    expect(target(pass2)).toBe(49)
    // Refunding the 20 the order owed after the return takes nothing more.
    expect(target({ ...pass2, paid: 54.89 })).toBe(49)
  })

  it("a refund without a return is taken from the whole order in proportion (its credit line lowers the total)", () => {
    expect(target({ total: 64.89, paid: 64.89 })).toBe(Math.floor((69.99 * 64.89) / 74.89))
    expect(target({ total: 59.89, paid: 59.89 })).toBe(55)
    expect(target({ total: 0, paid: 0 })).toBe(0)
    // Part paid with store credit at checkout: the money measure starts from what was paid.
    const paidWithCredit = earningBasis({ ...placed, total: 64.89, paid: 64.89 }, settings)
    expect(target({ total: 64.89, paid: 64.89 }, false, paidWithCredit)).toBe(69)
    expect(target({ total: 54.89, paid: 54.89 }, false, paidWithCredit)).toBe(Math.floor((69.99 * 54.89) / 64.89))
  })

  it("a cancel gives nothing, whatever the total says (an uncaptured order keeps its total)", () => {
    expect(target({}, true)).toBe(0)
  })

  it("an exchange counts the new units at their price once the old one is received, never above what was earned", () => {
    const requested = {
      total: 99.79,
      items: [
        { id: "hoodie", quantity: 1, total: 49.99, tax_total: 0 },
        placed.items![1]!,
        { id: "new-totes", quantity: 2, total: 20, tax_total: 0 },
      ],
    }
    expect(target(requested)).toBe(69)
    const received = { ...requested, total: 49.8, paid: 49.8, items: [{ id: "hoodie", quantity: 1, total: 0, tax_total: 0, detail: { return_received_quantity: 1 } }, ...requested.items.slice(1)] }
    expect(target(received)).toBe(40)
  })

  it("a replacement claim or an edit that adds items earns nothing more; an edit that removes units takes them back", () => {
    const claim = { total: 105.29, items: [...placed.items!, { id: "coffee", quantity: 1, total: 25.5, tax_total: 0 }] }
    expect(target(claim)).toBe(69)
    // An unpaid replacement does not hide a refund (its credit line).
    expect(target({ ...claim, total: 95.29, paid: 64.89 })).toBe(Math.floor((69.99 * 64.89) / 74.89))
    // A write-off alone changes no money: the shopper still pays the unit.
    expect(target({ items: [placed.items![0]!, { ...placed.items![1]!, detail: { written_off_quantity: 1 } } as any] })).toBe(69)
    // Tote 2 -> 1, then 1 -> 0 (the line disappears).
    expect(target({ total: 64.89, items: [placed.items![0]!, { id: "tote", quantity: 1, total: 10, tax_total: 0 }] })).toBe(59)
    expect(target({ total: 54.89, items: [placed.items![0]!] })).toBe(49)
  })

  it("counted shipping is part of what an order gives until it is refunded; the parts add up to what was earned", () => {
    const withShipping = { ...settings, count_shipping: true }
    const b = earningBasis(placed, withShipping)
    expect(b).toMatchObject({ amount: "74.89", shipping: "4.9" })
    expect(target({}, false, b)).toBe(74)
    const allBack = { total: 4.9, items: [
      { id: "hoodie", quantity: 1, total: 0, tax_total: 0, detail: { return_received_quantity: 1 } },
      { id: "tote", quantity: 2, total: 0, tax_total: 0, detail: { return_received_quantity: 2 } },
    ] }
    expect(target(allBack, false, b)).toBe(4)
    // Everything refunded, the shipping too.
    expect(target({ ...allBack, total: 0, paid: 0 }, false, b)).toBe(0)
  })

  it("thirds of a line add up to the whole line", () => {
    const three: OrderForPoints = { ...placed, total: 30, item_total: 30, shipping_total: 0, items: [{ id: "mug", quantity: 3, total: 20, tax_total: 0 }, { id: "pen", quantity: 1, total: 10, tax_total: 0 }] }
    const b = earningBasis(three, settings)
    expect(orderPointsTarget(b, three, false).target).toBe(30)
    const oneBack = { ...three, total: 23.33, items: [{ id: "mug", quantity: 3, total: 13.33, tax_total: 0, detail: { return_received_quantity: 1 } }, three.items![1]!] }
    expect(orderPointsTarget(b, oneBack, false).target).toBe(23)
  })

  it("the money kept: authorized (captured or not) less refunded; a replaced authorization still counts, an unpaid collection does not", () => {
    expect(moneyKept([{ status: "authorized", authorized_amount: 74.89, refunded_amount: 0 }])).toBe("74.89")
    expect(moneyKept([{ status: "completed", authorized_amount: 74.89, refunded_amount: 15 }])).toBe("59.89")
    expect(moneyKept([{ status: "canceled", authorized_amount: 74.89 }, { status: "not_paid", authorized_amount: 0 }])).toBe("74.89")
    expect(moneyKept([{ status: "completed", authorized_amount: 74.89, refunded_amount: 25.09 }, { status: "completed", authorized_amount: 15.5 }])).toBe("65.3")
    expect(moneyKept(null)).toBe("0")
    expect(moneyAuthorized([{ status: "completed", authorized_amount: 74.89, refunded_amount: 15 }])).toBe("74.89")
  })

  it("a first award that comes after a refund without a return earns only on what was kept", () => {
    const refunded = { ...placed, total: 64.89, paid: 64.89, authorized: 74.89 }
    const late = earningBasis(refunded, settings)
    expect(late.paid).toBe("74.89")
    expect(orderPointsTarget(late, refunded, false).target).toBe(Math.floor((69.99 * 64.89) / 74.89))
  })

  it("a basis written before version 2 is read with the program's settings", () => {
    const legacy = { amount: "69.99", items: { hoodie: { quantity: 1, amount: "49.99" }, tote: { quantity: 2, amount: "20" } } }
    const upgraded = upgradeBasis(legacy as any, { ...settings, currency_code: "EUR" }, 74.89)
    expect(upgraded).toMatchObject({ version: 2, currency_code: "eur", shipping: "0", total: "74.89" })
    expect(upgraded.paid).toBeUndefined()
    expect(orderPointsTarget(upgraded, now({ total: 64.89, items: [placed.items![0]!, { id: "tote", quantity: 2, total: 10, tax_total: 0, detail: { return_received_quantity: 1 } }] }), false).target).toBe(59)
  })
})
