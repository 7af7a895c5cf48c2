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

  it("turns a percentage into its cap when the cap binds, and keeps the cap to check at checkout", () => {
    const capped = planRewardDiscount(reward({ type: "percentage", percentage: 20, max_discount: { eur: 8 } }), cart)
    expect(capped.application_method).toMatchObject({ type: "fixed", value: 8 })
    expect(capped.max_discount).toBe(8)
    const under = planRewardDiscount(reward({ type: "percentage", percentage: 10, max_discount: { eur: 8 } }), cart)
    expect(under.application_method).toMatchObject({ type: "percentage", value: 10 })
    expect(under.max_discount).toBe(8)
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
    // Unset or empty: no minimum and no cap in any currency.
    expect(planRewardDiscount(reward({ type: "percentage", percentage: 50, max_discount: {}, min_subtotal: {} }), cart).application_method).toMatchObject({
      type: "percentage",
      value: 50,
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
      expect(discountByCode(lines)).toEqual({ "LOYALTY-A": 11, OTHER: 3, SHIP: 4 })
      const r = redemption({ reward: pctReward, metadata: { max_discount: 20, percentage: 10 } })
      // item_subtotal is before tax (100): 10% is 10, and the 12 charged with tax is those 10.
      expect(checkoutProblem({ ...base, item_subtotal: 100, discount_by_code: discountByCode(lines.slice(0, 1)) }, [r], [r])).toBeNull()
    })

    it("leaves fixed amounts, free shipping and free products alone", () => {
      const r = redemption({ reward: { name: { en: "Treat" }, min_subtotal: null, type: "fixed_amount" }, metadata: { max_discount: null } })
      expect(checkoutProblem({ ...base, item_subtotal: 5, discount_by_code: { "LOYALTY-A": 5 } }, [r], [])).toBeNull()
    })
  })
})
