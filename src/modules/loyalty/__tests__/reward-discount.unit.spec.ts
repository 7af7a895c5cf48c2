import { planPointsDiscount, planRewardDiscount } from "../lib/reward-discount"
import { checkoutProblem, discountByCode } from "../lib/checkout-guard"
import type { RedemptionDTO, RewardDTO } from "../types"

const reward = (over: Partial<RewardDTO>): RewardDTO => ({
  id: "lrwd_1",
  program_id: "lprog_1",
  name: { en: "Treat" },
  description: null,
  points_cost: 100,
  type: "fixed_amount",
  amounts: { eur: 5 },
  percentage: null,
  max_discount: null,
  variant_id: null,
  min_subtotal: null,
  starts_at: null,
  ends_at: null,
  per_customer_limit: null,
  is_active: true,
  metadata: null,
  ...over,
})
const cart = { currency_code: "EUR", item_subtotal: 49.99, variant_ids: ["variant_tote"] }

describe("planRewardDiscount", () => {
  it("gives a fixed amount in the cart's currency, never more than the items", () => {
    expect(planRewardDiscount(reward({}), cart)).toEqual({
      application_method: { type: "fixed", target_type: "order", allocation: "across", value: 5, currency_code: "eur" },
      discount_amount: 5,
      max_discount: null,
    })
    expect(planRewardDiscount(reward({ amounts: { eur: 80 } }), cart).discount_amount).toBe(49.99)
    expect(() => planRewardDiscount(reward({ amounts: { usd: 5 } }), cart)).toThrow(/not offered in EUR \(offered in: USD\)/)
  })

  it("gives a percentage as the amount it comes to on the cart, rounded to the currency; the cap when it binds", () => {
    const capped = planRewardDiscount(reward({ type: "percentage", percentage: 20, max_discount: { eur: 8 } }), cart)
    expect(capped).toEqual({
      application_method: { type: "fixed", target_type: "order", allocation: "across", value: 8, currency_code: "eur" },
      discount_amount: 8,
      max_discount: 8,
      limits: { percentage: 20 },
    })
    // 10% of 49.99 is 4.999: a Medusa percentage promotion would take 4.999 off.
    const under = planRewardDiscount(reward({ type: "percentage", percentage: 10, max_discount: { eur: 8 } }), cart)
    expect(under.application_method).toMatchObject({ type: "fixed", value: 5 })
    expect([under.discount_amount, under.max_discount, under.limits]).toEqual([5, 8, { percentage: 10 }])
  })

  it("rounds to the cart's currency: whole yen, fils", () => {
    const pct = (percentage: number, max_discount: Record<string, number> | null = null) => reward({ type: "percentage", percentage, max_discount })
    const yen = { currency_code: "jpy", currency_digits: 0, item_subtotal: 1234, variant_ids: [] }
    // Float code gave 123.4 JPY.
    expect(planRewardDiscount(pct(10), yen)).toMatchObject({ application_method: { type: "fixed", value: 123, currency_code: "jpy" }, discount_amount: 123 })
    expect(planRewardDiscount(pct(15), { ...yen, item_subtotal: 1230 }).discount_amount).toBe(185) // 184.5, half up
    expect(planRewardDiscount(pct(50, { jpy: 300 }), yen)).toMatchObject({ discount_amount: 300, max_discount: 300 })
    expect(() => planRewardDiscount(pct(10), { ...yen, item_subtotal: 4 })).toThrow('Reward "Treat" gives 10% of the items, which is less than 1 JPY on this cart (4 JPY)')
    expect(() => planRewardDiscount(reward({ amounts: { jpy: 500 }, min_subtotal: { jpy: 5000 } }), yen)).toThrow(
      'Reward "Treat" needs a cart subtotal of at least 5000 JPY; this cart has 1234 JPY'
    )
    const fils = { currency_code: "KWD", currency_digits: 3, item_subtotal: "12.345", variant_ids: [] }
    expect(planRewardDiscount(pct(10), fils).discount_amount).toBe(1.235) // 1.2345, half up; float code gave 1.23
    expect(planRewardDiscount(reward({ amounts: { kwd: 1.25 } }), fils).application_method).toMatchObject({ type: "fixed", value: 1.25 })
    // A reward saved before amounts were checked against the currency never gives more than it allows.
    expect(planRewardDiscount(reward({ amounts: { jpy: 500.5 } }), yen).application_method.value).toBe(500)
  })

  it("frees shipping, or one unit of a product that is in the cart", () => {
    expect(planRewardDiscount(reward({ type: "free_shipping" }), cart).application_method).toMatchObject({ target_type: "shipping_methods", value: 100 })
    const free = planRewardDiscount(reward({ type: "free_product", variant_id: "variant_tote" }), cart)
    expect(free.application_method).toMatchObject({
      target_type: "items",
      allocation: "each",
      max_quantity: 1,
      target_rules: [{ attribute: "items.variant_id", operator: "eq", values: ["variant_tote"] }],
    })
    expect(() => planRewardDiscount(reward({ type: "free_product", variant_id: "variant_mug" }), cart)).toThrow(/add it to the cart first/)
  })

  it("refuses a cart under the minimum subtotal", () => {
    expect(() => planRewardDiscount(reward({ min_subtotal: { eur: 50 } }), cart)).toThrow(
      'Reward "Treat" needs a cart subtotal of at least 50.00 EUR; this cart has 49.99 EUR'
    )
  })

  it("is not offered in a currency its minimum or cap is not set for (rather than no minimum, no cap)", () => {
    expect(() => planRewardDiscount(reward({ min_subtotal: { usd: 10 } }), cart)).toThrow(
      'Reward "Treat" is not offered in EUR: its minimum subtotal is set only for USD'
    )
    expect(() => planRewardDiscount(reward({ type: "percentage", percentage: 50, max_discount: { usd: 8, gbp: 7 } }), cart)).toThrow(
      'Reward "Treat" is not offered in EUR: its cap is set only for USD, GBP'
    )
    // Unset or empty: no minimum and no cap in any currency (50% of 49.99 is 24.995).
    expect(planRewardDiscount(reward({ type: "percentage", percentage: 50, max_discount: {}, min_subtotal: {} }), cart)).toMatchObject({
      application_method: { type: "fixed", value: 25 },
      max_discount: null,
    })
  })
})

describe("planPointsDiscount", () => {
  const setting = { enabled: true, value_per_point: { eur: 0.01 }, max_cart_share: 0.5 }
  it("values points per currency and caps them at the share of the cart, rounded down to the cent", () => {
    expect(planPointsDiscount(1234, setting, cart).application_method).toMatchObject({ type: "fixed", value: 12.34 })
    expect(planPointsDiscount(2499, setting, cart).discount_amount).toBe(24.99)
    expect(() => planPointsDiscount(2500, setting, cart)).toThrow(/use at most 2499 points/)
    expect(() => planPointsDiscount(10, { ...setting, enabled: false }, cart)).toThrow(/does not let points pay/)
    expect(() => planPointsDiscount(10, setting, { ...cart, currency_code: "usd" })).toThrow(/cannot pay for carts in USD/)
  })

  it("pays in the currency's precision, rounded down, with a value per point finer than the currency", () => {
    const kwd = { enabled: true, value_per_point: { kwd: 0.001, eur: 0.001, jpy: 0.5 }, max_cart_share: 0.5 }
    // Exact to the fils: float code gave 1.23.
    const fils = planPointsDiscount(1234, kwd, { currency_code: "kwd", currency_digits: 3, item_subtotal: 10, variant_ids: [] })
    expect([fils.application_method.value, fils.discount_amount]).toEqual([1.234, 1.234])
    // 1,235 points at 0.001 EUR are worth 1.235: they pay 1.23, never 1.24 (float code rounded up).
    expect(planPointsDiscount(1235, kwd, cart).discount_amount).toBe(1.23)
    expect(() => planPointsDiscount(9, kwd, cart)).toThrow("points 9 are worth less than 0.01 EUR: use at least 10 points")
    const yen = { currency_code: "jpy", currency_digits: 0, item_subtotal: 1235, variant_ids: [] }
    // Half of 1,235 JPY is 617 JPY; 1,235 points at 0.5 JPY are 617.5, paid as 617.
    expect(planPointsDiscount(1235, kwd, yen).discount_amount).toBe(617)
    expect(() => planPointsDiscount(1236, kwd, yen)).toThrow("points 1236 are worth 618 JPY, more than 50% of this cart (617 JPY): use at most 1235 points")
  })
})

describe("checkoutProblem", () => {
  const base = { id: "cart_1", currency_code: "eur", item_subtotal: 60, promotion_codes: ["LOYALTY-A"], discount_by_code: { "LOYALTY-A": 5 } }
  const redemption = (over: Partial<RedemptionDTO> & Record<string, unknown>) =>
    ({ id: "lrdm_1", status: "reserved", cart_id: "cart_1", promotion_code: "LOYALTY-A", currency_code: "eur", points: 100, reward: { name: { en: "Treat" }, min_subtotal: null }, ...over }) as any

  it("accepts a cart that carries its live reservation", () => {
    expect(checkoutProblem(base, [redemption({})], [redemption({})])).toBeNull()
  })

  it("names what is wrong", () => {
    expect(checkoutProblem({ ...base, promotion_codes: [] }, [redemption({})], [])).toMatch(/no longer applied to this cart/)
    expect(checkoutProblem(base, [], [redemption({ cart_id: "cart_2" })])).toMatch(/belongs to another cart/)
    expect(checkoutProblem(base, [redemption({ status: "released", released_reason: "Cart inactive for 24 h" })], [redemption({ status: "released", released_reason: "Cart inactive for 24 h" })])).toMatch(
      /was released \(Cart inactive for 24 h\)/
    )
    expect(checkoutProblem({ ...base, currency_code: "usd" }, [redemption({})], [])).toMatch(/applied in EUR but the cart is now in USD/)
    expect(checkoutProblem({ ...base, item_subtotal: 20 }, [redemption({ reward: { name: { en: "Treat" }, min_subtotal: { eur: 50 } } })], [])).toMatch(/at least 50.00 EUR/)
    expect(checkoutProblem({ ...base, discount_by_code: { "LOYALTY-A": 9 } }, [redemption({ metadata: { max_discount: 8 } })], [])).toMatch(
      /takes 9.00 EUR off, but on this cart it is worth at most 8.00 EUR \(its cap is 8.00 EUR\)/
    )
  })

  describe("a discount the cart no longer allows", () => {
    const pctReward = { name: { en: "10% off, up to 8 EUR" }, min_subtotal: null, type: "percentage", percentage: 10, max_discount: { eur: 8 } }

    it("refuses a capped percentage kept as a fixed amount after the cart shrank", () => {
      // Applied on 170 EUR: 10% is 17, the cap gave 8 as a fixed amount. The cart is now 20 EUR.
      const applied = planRewardDiscount(reward({ type: "percentage", percentage: 10, max_discount: { eur: 8 } }), { ...cart, item_subtotal: 170 })
      expect(applied.application_method).toMatchObject({ type: "fixed", value: 8 })
      const r = redemption({ reward: pctReward, metadata: { max_discount: applied.max_discount, ...applied.limits } })
      const shrunk = { ...base, item_subtotal: 20, discount_by_code: { "LOYALTY-A": 8 } }
      expect(checkoutProblem(shrunk, [r], [r])).toBe(
        'Reward "10% off, up to 8 EUR" takes 8.00 EUR off, but on this cart it is worth at most 2.00 EUR (10% of the items (20.00 EUR), at most 8.00 EUR): the cart changed since it was applied. Remove the reward and apply it again'
      )
      // What the cart allows now is accepted: 10% of 20 EUR, and the cap on a big cart.
      expect(checkoutProblem({ ...shrunk, discount_by_code: { "LOYALTY-A": 2 } }, [r], [r])).toBeNull()
      expect(checkoutProblem({ ...shrunk, item_subtotal: 170 }, [r], [r])).toBeNull()
      // One cent over is refused, Medusa's unrounded share is not.
      expect(checkoutProblem({ ...shrunk, discount_by_code: { "LOYALTY-A": 2.01 } }, [r], [r])).toMatch(/worth at most 2.00 EUR/)
      expect(checkoutProblem({ ...base, item_subtotal: 49.99, discount_by_code: { "LOYALTY-A": 4.999 } }, [r], [r])).toBeNull()
    })

    it("uses the reward's percentage when the redemption did not keep it", () => {
      const r = redemption({ reward: pctReward, metadata: { max_discount: 8 } })
      expect(checkoutProblem({ ...base, item_subtotal: 20, discount_by_code: { "LOYALTY-A": 8 } }, [r], [])).toMatch(/worth at most 2.00 EUR/)
    })

    it("refuses points that now pay more than the program's share of the cart", () => {
      const setting = { enabled: true, value_per_point: { eur: 0.01 }, max_cart_share: 0.5 }
      // 6000 points = 60 EUR on a 140 EUR cart (share 70). The cart is now 20 EUR: Medusa gives 20 off.
      const applied = planPointsDiscount(6000, setting, { ...cart, item_subtotal: 140 })
      const r = redemption({ kind: "points", points: 6000, reward: null, discount_amount: 60, metadata: { max_discount: null, ...applied.limits } })
      const shrunk = { ...base, item_subtotal: 20, discount_by_code: { "LOYALTY-A": 20 } }
      expect(checkoutProblem(shrunk, [r], [r])).toBe(
        "6000 points take 20.00 EUR off, but points may pay at most 50% of the items (20.00 EUR), which is 10.00 EUR: the cart changed since they were applied. Remove them and apply points again with at most 1000 points"
      )
      expect(checkoutProblem({ ...shrunk, discount_by_code: { "LOYALTY-A": 10 } }, [r], [r])).toBeNull()
      expect(checkoutProblem({ ...shrunk, item_subtotal: 140, discount_by_code: { "LOYALTY-A": 60 } }, [r], [r])).toBeNull()
      // Without the share kept on the redemption, the program's share now applies.
      const old = redemption({ kind: "points", points: 6000, reward: null, discount_amount: 60, metadata: { max_discount: null } })
      expect(checkoutProblem({ ...shrunk, points_as_money: setting }, [old], [])).toMatch(/at most 50% of the items .* at most 1000 points$/)
      expect(checkoutProblem({ ...shrunk, points_as_money: null }, [old], [])).toBeNull()
    })

    it("compares before tax: a tax-inclusive line's adjustment is counted without its tax", () => {
      const lines = [
        // 120 EUR including 20% tax (100 before tax), 10% off: 12 with tax, 10 before.
        { tax_lines: [{ rate: 20 }], adjustments: [{ code: "LOYALTY-A", amount: 12, is_tax_inclusive: true }] },
        { tax_lines: [{ rate: 20 }], adjustments: [{ code: "LOYALTY-A", amount: 1, is_tax_inclusive: false }, { code: "OTHER", amount: 3 }] },
        { adjustments: [{ code: null, amount: 99 }] },
        // A shipping method: its adjustments follow the method's flag.
        { is_tax_inclusive: true, tax_lines: [{ rate: "25" }], adjustments: [{ code: "SHIP", amount: 5 }] },
        null,
      ]
      const byCode = Object.entries(discountByCode(lines)).map(([code, amount]) => [code, amount.toNumber()])
      expect(Object.fromEntries(byCode)).toEqual({ "LOYALTY-A": 11, OTHER: 3, SHIP: 4 })
      const r = redemption({ reward: pctReward, metadata: { max_discount: 20, percentage: 10 } })
      // item_subtotal is before tax (100): 10% is 10, and the 12 charged with tax is those 10.
      expect(checkoutProblem({ ...base, item_subtotal: 100, discount_by_code: discountByCode(lines.slice(0, 1)) }, [r], [r])).toBeNull()
    })

    it("compares in the cart currency's precision and says so in its digits", () => {
      const pctReward = { name: { en: "10% off" }, min_subtotal: null, type: "percentage", percentage: 10, max_discount: null }
      const yen = { ...base, currency_code: "jpy", currency_digits: 0, item_subtotal: 1234, discount_by_code: { "LOYALTY-A": 123 } }
      const r = redemption({ currency_code: "jpy", reward: pctReward, metadata: { percentage: 10 } })
      // 10% of 1,234 JPY is 123.4: 123 is given, and so is 123.9 (Medusa's unrounded share), 124 is over.
      expect(checkoutProblem(yen, [r], [r])).toBeNull()
      expect(checkoutProblem({ ...yen, discount_by_code: { "LOYALTY-A": "123.9" } }, [r], [r])).toBeNull()
      expect(checkoutProblem({ ...yen, discount_by_code: { "LOYALTY-A": 124 } }, [r], [r])).toBe(
        'Reward "10% off" takes 124 JPY off, but on this cart it is worth at most 123 JPY (10% of the items (1234 JPY)): the cart changed since it was applied. Remove the reward and apply it again'
      )
      // Four fils over a KWD limit are refused (a cent-based tolerance let them through).
      const fils = { ...base, currency_code: "kwd", currency_digits: 3, item_subtotal: "12.34", discount_by_code: { "LOYALTY-A": "1.238" } }
      const k = redemption({ currency_code: "kwd", reward: pctReward, metadata: { percentage: 10 } })
      expect(checkoutProblem(fils, [k], [k])).toMatch(/takes 1.238 KWD off, but on this cart it is worth at most 1.234 KWD \(10% of the items \(12.340 KWD\)\)/)
      expect(checkoutProblem({ ...fils, discount_by_code: { "LOYALTY-A": "1.2344" } }, [k], [k])).toBeNull()
      const min = redemption({ currency_code: "jpy", reward: { name: { en: "Treat" }, min_subtotal: { jpy: 5000 } } })
      expect(checkoutProblem(yen, [min], [])).toBe('Reward "Treat" needs a cart subtotal of at least 5000 JPY; the cart now has 1234')
    })

    it("leaves fixed amounts, free shipping and free products alone", () => {
      const r = redemption({ reward: { name: { en: "Treat" }, min_subtotal: null, type: "fixed_amount" }, metadata: { max_discount: null } })
      expect(checkoutProblem({ ...base, item_subtotal: 5, discount_by_code: { "LOYALTY-A": 5 } }, [r], [])).toBeNull()
    })
  })
})
