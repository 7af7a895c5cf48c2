import { planPointsDiscount, planRewardDiscount } from "../lib/reward-discount"
import { checkoutProblem } from "../lib/checkout-guard"
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
    expect(checkoutProblem({ ...base, discount_by_code: { "LOYALTY-A": 9 } }, [redemption({ metadata: { max_discount: 8 } })], [])).toMatch(/more than its cap of 8.00 EUR/)
  })
})
