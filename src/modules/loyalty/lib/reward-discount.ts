import type { BigNumberInput } from "@medusajs/framework/types"
import type { PointsAsMoney, RewardDTO } from "../types"
import { refusal } from "./refusal"
import {
  currencyDigits,
  floorToCurrency,
  formatMoney,
  formatShare,
  maxPointsWithin,
  minPointsForUnit,
  percentOf,
  pointsAsMoney,
  roundToCurrency,
  shareLimit,
  smallestUnit,
  toMoney,
} from "./money"

/** What a reward is worth on one cart, as Medusa promotion settings. */
export type DiscountPlan = {
  application_method: {
    type: "fixed" | "percentage"
    target_type: "order" | "items" | "shipping_methods"
    allocation: "across" | "each"
    value: number
    currency_code?: string
    max_quantity?: number
    target_rules?: { attribute: string; operator: "eq"; values: string[] }[]
  }
  /** Money taken off (a percentage too: see planRewardDiscount); null when it follows the cart (free shipping, free product). */
  discount_amount: number | null
  /** Largest discount allowed on this cart (a capped percentage), checked again at checkout. */
  max_discount: number | null
  /**
   * What the discount may be worth on the cart as it is at checkout, kept with the redemption:
   * a percentage reward gives at most `percentage` of the items (and never more than
   * `max_discount`); points as money pay at most `max_cart_share` of the items.
   */
  limits?: { percentage?: number; max_cart_share?: number; value_per_point?: number }
}

export type CartForDiscount = {
  currency_code: string
  /** Digits of the cart's currency (Medusa's currency module: JPY 0, KWD 3); 2 when not given. */
  currency_digits?: number
  /** Items before discounts, major units. */
  item_subtotal: BigNumberInput
  variant_ids: string[]
  /** Whether the cart has a shipping method; free shipping needs one. Unknown when not given. */
  has_shipping_method?: boolean
}


/** A fixed amount off the order, spread across its items. */
const fixedOff = (amount: BigNumberInput, currency: string): DiscountPlan["application_method"] => ({
  type: "fixed",
  target_type: "order",
  allocation: "across",
  value: toMoney(amount).toNumber(),
  currency_code: currency,
})

/**
 * A per-currency condition of a reward for the cart's currency. A merchant who set it for some
 * currencies only did not mean "none" for the others (no minimum, no cap): the reward is not
 * offered there.
 */
function forCurrency(map: Record<string, number> | null | undefined, cur: string, label: string, what: string) {
  if (!map || !Object.keys(map).length) return undefined
  if (map[cur] === undefined) {
    throw refusal("currency_not_supported", `${label} is not offered in ${cur.toUpperCase()}: its ${what} is set only for ${Object.keys(map).join(", ").toUpperCase()}`, {
      currency_code: cur,
      currencies: Object.keys(map),
    })
  }
  return map[cur]
}

/**
 * Checks the reward against the cart and builds its promotion; throws NOT_ALLOWED with the reason.
 * Amounts are in the cart currency's precision: a percentage is given as the fixed amount it
 * comes to on the cart now, rounded to the currency (10% of 1,234 JPY is 123 JPY; a Medusa
 * percentage promotion would take 123.4 off), and the checkout guard holds it to the percentage
 * of the cart as it is then.
 */
export function planRewardDiscount(reward: RewardDTO, cart: CartForDiscount): DiscountPlan {
  const cur = cart.currency_code.toLowerCase()
  const digits = currencyDigits(cart.currency_digits)
  const subtotal = toMoney(cart.item_subtotal)
  const money = (n: BigNumberInput) => formatMoney(n, cur, digits)
  const label = `Reward "${reward.name.en}"`
  const minimum = forCurrency(reward.min_subtotal, cur, label, "minimum subtotal")
  if (minimum !== undefined && subtotal.lt(minimum)) {
    throw refusal("min_subtotal_not_met", `${label} needs a cart subtotal of at least ${money(minimum)}; this cart has ${money(subtotal)}`, {
      currency_code: cur,
      min_subtotal: toMoney(minimum).toNumber(),
      subtotal: subtotal.toNumber(),
      amount_missing: toMoney(minimum).minus(subtotal).toNumber(),
    })
  }
  switch (reward.type) {
    case "fixed_amount": {
      const configured = reward.amounts?.[cur]
      if (configured === undefined) {
        throw refusal(
          "currency_not_supported",
          `${label} is not offered in ${cur.toUpperCase()} (offered in: ${Object.keys(reward.amounts ?? {}).join(", ").toUpperCase() || "none"})`,
          { currency_code: cur, currencies: Object.keys(reward.amounts ?? {}) }
        )
      }
      // Saved rewards are checked against the currency; one saved before that never gives more.
      const amount = floorToCurrency(configured, digits)
      return {
        application_method: fixedOff(amount, cur),
        discount_amount: (subtotal.lt(amount) ? subtotal : toMoney(amount)).toNumber(),
        max_discount: null,
      }
    }
    case "percentage": {
      const pct = reward.percentage ?? 0
      const configuredCap = forCurrency(reward.max_discount, cur, label, "cap")
      const cap = configuredCap === undefined ? undefined : floorToCurrency(configuredCap, digits).toNumber()
      const full = roundToCurrency(percentOf(subtotal, pct), digits)
      // The cap binds now: give the cap, so a bigger cart cannot exceed it.
      const given = cap !== undefined && full.gt(cap) ? toMoney(cap) : full
      if (!given.gt(0)) {
        throw refusal("discount_too_small", `${label} gives ${pct}% of the items, which is less than ${money(smallestUnit(digits))} on this cart (${money(subtotal)})`, {
          currency_code: cur,
        })
      }
      return {
        application_method: fixedOff(given, cur),
        discount_amount: given.toNumber(),
        max_discount: cap ?? null,
        limits: { percentage: pct },
      }
    }
    case "free_shipping":
      if (cart.has_shipping_method === false) {
        throw refusal("no_shipping_method", "Free shipping applies to the cart's shipping method: choose one first, then apply the reward")
      }
      return {
        application_method: { type: "percentage", target_type: "shipping_methods", allocation: "across", value: 100 },
        discount_amount: null,
        max_discount: null,
      }
    case "free_product": {
      if (!reward.variant_id || !cart.variant_ids.includes(reward.variant_id)) {
        throw refusal("free_product_not_in_cart", `${label} gives product variant ${reward.variant_id} for free: add it to the cart first`, {
          variant_id: reward.variant_id,
        })
      }
      return {
        application_method: {
          type: "percentage",
          target_type: "items",
          allocation: "each",
          value: 100,
          max_quantity: 1,
          target_rules: [{ attribute: "items.variant_id", operator: "eq", values: [reward.variant_id] }],
        },
        discount_amount: null,
        max_discount: null,
      }
    }
  }
}

/**
 * Points paid as money: checks the program setting and the cart share, builds a fixed discount.
 * The value of a point may be finer than the currency (0.001 EUR); what the points pay is
 * rounded down to the currency, and so is the share, so points never pay more than either.
 */
export function planPointsDiscount(points: number, setting: PointsAsMoney | null, cart: CartForDiscount): DiscountPlan {
  const cur = cart.currency_code.toLowerCase()
  const digits = currencyDigits(cart.currency_digits)
  const money = (n: BigNumberInput) => formatMoney(n, cur, digits)
  if (!setting?.enabled) throw refusal("points_as_money_disabled", "This program does not let points pay for carts")
  const value = setting.value_per_point?.[cur]
  if (!value) {
    throw refusal("currency_not_supported", `Points cannot pay for carts in ${cur.toUpperCase()}`, {
      currency_code: cur,
      currencies: Object.keys(setting.value_per_point ?? {}),
    })
  }
  const amount = pointsAsMoney(points, value, digits)
  if (!amount.gt(0)) {
    throw refusal("points_below_minimum", `points ${points} are worth less than ${money(smallestUnit(digits))}: use at least ${minPointsForUnit(value, digits)} points`, {
      min_points: minPointsForUnit(value, digits),
    })
  }
  const limit = shareLimit(cart.item_subtotal, setting.max_cart_share, digits)
  if (amount.gt(limit)) {
    throw refusal(
      "points_above_cart_share",
      `points ${points} are worth ${money(amount)}, more than ${formatShare(setting.max_cart_share)}% of this cart (${money(limit)}): use at most ${maxPointsWithin(limit, value, digits)} points`,
      { max_points: maxPointsWithin(limit, value, digits), max_cart_share: setting.max_cart_share }
    )
  }
  return {
    application_method: fixedOff(amount, cur),
    discount_amount: amount.toNumber(),
    max_discount: null,
    limits: { max_cart_share: setting.max_cart_share, value_per_point: value },
  }
}
