import { earningBasis, orderPointsTarget, pointsOnBasis, type EarningBasis, type OrderForPoints } from "../lib/order-points"
import { decideTier, graceEndsAt, moneySpent, nextTier, reachedTier, startOfZonedYear, tierCurrency, tierWindow } from "../lib/tiers"

const silver = { id: "silver", threshold: 100 }
const gold = { id: "gold", threshold: 500 }
const platinum = { id: "platinum", threshold: 2000 }
const tiers = [silver, gold, platinum]
const at = (iso: string) => new Date(iso)
const days = (n: number) => n * 86_400_000

describe("tier window", () => {
  it("rolling 12 months: the same day a year earlier, or the last day of a shorter month", () => {
    expect(tierWindow("rolling_12_months", at("2027-03-15T10:00:00Z")).start.toISOString()).toBe("2026-03-15T10:00:00.000Z")
    expect(tierWindow("rolling_12_months", at("2028-02-29T08:00:00Z")).start.toISOString()).toBe("2027-02-28T08:00:00.000Z")
    const now = at("2027-03-15T10:00:00Z")
    expect(tierWindow("rolling_12_months", now).end).toBe(now)
  })

  it("calendar year: 1 January 00:00 in the program's time zone", () => {
    expect(tierWindow("calendar_year", at("2027-06-01T12:00:00Z"), "UTC").start.toISOString()).toBe("2027-01-01T00:00:00.000Z")
    // Luxembourg is UTC+1 in January.
    expect(startOfZonedYear(at("2027-06-01T12:00:00Z"), "Europe/Luxembourg").toISOString()).toBe("2026-12-31T23:00:00.000Z")
    // 31 December 23:30 UTC is already the new year in Luxembourg.
    expect(startOfZonedYear(at("2027-12-31T23:30:00Z"), "Europe/Luxembourg").toISOString()).toBe("2027-12-31T23:00:00.000Z")
    // Sydney keeps summer time (UTC+11) in January, not its winter offset (UTC+10) of June.
    expect(startOfZonedYear(at("2027-06-01T00:00:00Z"), "Australia/Sydney").toISOString()).toBe("2026-12-31T13:00:00.000Z")
    expect(startOfZonedYear(at("2027-06-01T00:00:00Z"), "America/New_York").toISOString()).toBe("2027-01-01T05:00:00.000Z")
    expect(startOfZonedYear(at("2027-06-01T00:00:00Z"), "Not/A_Zone").toISOString()).toBe("2027-01-01T00:00:00.000Z")
  })
})

describe("tier thresholds", () => {
  it("the tier is the highest whose threshold the value reaches", () => {
    expect(reachedTier(tiers, 99)).toBeNull()
    expect(reachedTier(tiers, 100)).toBe(silver)
    expect(reachedTier(tiers, 1999)).toBe(gold)
    expect(reachedTier([platinum, silver, gold], 5000)).toBe(platinum)
  })

  it("the next tier up and what is missing to it", () => {
    expect(nextTier(tiers, null, 40)).toEqual({ next: silver, to_next: 60 })
    expect(nextTier(tiers, "silver", 450)).toEqual({ next: gold, to_next: 50 })
    // Reached but not moved yet (the evaluation comes after the event): nothing missing.
    expect(nextTier(tiers, "silver", 600)).toEqual({ next: gold, to_next: 0 })
    expect(nextTier(tiers, "platinum", 9000)).toEqual({ next: null, to_next: null })
  })

  it("tier currency: the program's, else the first earn rate's", () => {
    expect(tierCurrency({ tier_currency_code: "USD", earn_rates: { eur: {} } })).toBe("usd")
    expect(tierCurrency({ tier_currency_code: null, earn_rates: { eur: {}, usd: {} } })).toBe("eur")
    expect(tierCurrency({ tier_currency_code: null, earn_rates: {} })).toBeNull()
  })
})

describe("tier decisions", () => {
  const now = at("2027-05-01T00:00:00Z")
  const decide = (current: typeof silver | null, value: number, below_since: Date | null = null, grace_days = 30) =>
    decideTier({ tiers, current, value, below_since, now, grace_days })

  it("an upgrade is immediate, over several tiers, and during a grace period too", () => {
    expect(decide(null, 100)).toEqual({ action: "move", to: silver, direction: "up" })
    expect(decide(silver, 2500)).toEqual({ action: "move", to: platinum, direction: "up" })
    expect(decide(silver, 600, new Date(now.getTime() - days(10)))).toEqual({ action: "move", to: gold, direction: "up" })
  })

  it("below the threshold: the grace period starts, then the member moves down to what the value reaches", () => {
    expect(decide(gold, 120)).toEqual({ action: "start_grace" })
    expect(decide(gold, 120, new Date(now.getTime() - days(29)))).toEqual({ action: "none" })
    expect(decide(gold, 120, new Date(now.getTime() - days(30)))).toEqual({ action: "move", to: silver, direction: "down" })
    expect(decide(platinum, 0, new Date(now.getTime() - days(31)))).toEqual({ action: "move", to: null, direction: "down" })
    // A grace of 0 days: down at the first evaluation below.
    expect(decide(gold, 120, null, 0)).toEqual({ action: "move", to: silver, direction: "down" })
  })

  it("back at the threshold ends the grace period; at the threshold nothing changes", () => {
    expect(decide(gold, 500, new Date(now.getTime() - days(40)))).toEqual({ action: "end_grace" })
    expect(decide(gold, 700)).toEqual({ action: "none" })
    expect(decide(null, 99)).toEqual({ action: "none" })
  })

  it("a removed tier is left at once, for the tier the value reaches", () => {
    const removed = { id: "old", threshold: 300, removed: true }
    expect(decideTier({ tiers, current: removed, value: 600, below_since: null, now, grace_days: 30 })).toEqual({ action: "move", to: gold, direction: "up" })
    expect(decideTier({ tiers, current: removed, value: 150, below_since: null, now, grace_days: 30 })).toEqual({ action: "move", to: silver, direction: "down" })
  })

  it("the grace period ends grace_days after it started", () => {
    expect(graceEndsAt(at("2027-05-01T00:00:00Z"), 30)?.toISOString()).toBe("2027-05-31T00:00:00.000Z")
    expect(graceEndsAt(null, 30)).toBeNull()
  })
})

/** One hoodie (49.99) and two totes (10 each), shipping 4.90, no tax. */
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

describe("the tier multiplier an order earned with", () => {
  it("is kept in the basis and measures every later change of the order", () => {
    const basis = earningBasis(placed, settings, 1.5)
    expect(basis.multiplier).toBe("1.5")
    // 69.99 x 1.5 = 104.985, floored once.
    expect(orderPointsTarget(basis, placed, false).target).toBe(104)
    // Both totes returned: 49.99 x 1.5 = 74.985.
    const returned = { ...placed, total: 54.89, items: [placed.items![0]!, { id: "tote", quantity: 2, total: 0, tax_total: 0, detail: { return_received_quantity: 2 } }] }
    expect(orderPointsTarget(basis, returned, false).target).toBe(74)
  })

  it("a basis written before tiers earned at 1", () => {
    const { multiplier: _m, ...old } = earningBasis(placed, settings, 2)
    expect(pointsOnBasis(old as EarningBasis, "69.99")).toBe(69)
    expect(earningBasis(placed, settings).multiplier).toBe("1")
  })
})

describe("money spent", () => {
  const basis = earningBasis(placed, settings)
  const since = at("2027-01-01T00:00:00Z")
  const order = (o: Partial<OrderForPoints> = {}, extra: { canceled?: boolean; placed_at?: string; basis?: EarningBasis } = {}) => ({
    basis: extra.basis ?? basis,
    order: { ...placed, ...o },
    canceled: extra.canceled ?? false,
    placed_at: at(extra.placed_at ?? "2027-03-01T00:00:00Z"),
  })

  it("counts what each order's points follow (items after discounts), net of returns, refunds and cancels, floored once", () => {
    expect(moneySpent([order()], "eur", since)).toBe(69)
    expect(moneySpent([order(), order()], "eur", since)).toBe(139)
    // A refund of 10 without a return: the counted amount in proportion of the money kept.
    expect(moneySpent([order({ total: 64.89, paid: 64.89 })], "eur", since)).toBe(Math.floor((69.99 * 64.89) / 74.89))
    expect(moneySpent([order(), order({}, { canceled: true })], "eur", since)).toBe(69)
  })

  it("counts only orders in the tier currency placed in the window", () => {
    const usd = earningBasis({ ...placed, currency_code: "usd" }, { ...settings, earn_rates: { usd: { points: 1, amount: 1 } } })
    expect(moneySpent([order({}, { basis: usd })], "eur", since)).toBe(0)
    expect(moneySpent([order({}, { basis: usd })], "usd", since)).toBe(69)
    expect(moneySpent([order({}, { placed_at: "2026-12-31T23:59:59Z" })], "eur", since)).toBe(0)
    expect(moneySpent([order()], null, since)).toBe(0)
  })
})
