import { MedusaError } from "@medusajs/framework/utils"
import type { PointsAsMoney, RewardDTO } from "../types"

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
  /** Money taken off when it is a fixed amount; null when it follows the cart (percentages, shipping, product). */
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
  /** Items before discounts, major units. */
  item_subtotal: number
  variant_ids: string[]
}

const notAllowed = (message: string) => new MedusaError(MedusaError.Types.NOT_ALLOWED, message)
const money = (n: number, currency: string) => `${n.toFixed(2)} ${currency.toUpperCase()}`
/** Rounds to cents without float drift (0.1 * 3 = 0.30000000000000004). */
export const roundMoney = (n: number) => Math.round((n + Number.EPSILON) * 100) / 100

/**
 * A per-currency condition of a reward for the cart's currency. A merchant who set it for some
 * currencies only did not mean "none" for the others (no minimum, no cap): the reward is not
 * offered there.
 */
function forCurrency(map: Record<string, number> | null | undefined, cur: string, label: string, what: string) {
  if (!map || !Object.keys(map).length) return undefined
  if (map[cur] === undefined) {
    throw notAllowed(`${label} is not offered in ${cur.toUpperCase()}: its ${what} is set only for ${Object.keys(map).join(", ").toUpperCase()}`)
  }
  return map[cur]
}

/** Checks the reward against the cart and builds its promotion; throws NOT_ALLOWED with the reason. */
export function planRewardDiscount(reward: RewardDTO, cart: CartForDiscount): DiscountPlan {
  const cur = cart.currency_code.toLowerCase()
  const label = `Reward "${reward.name.en}"`
  const minimum = forCurrency(reward.min_subtotal, cur, label, "minimum subtotal")
  if (minimum !== undefined && cart.item_subtotal < minimum) {
    throw notAllowed(`${label} needs a cart subtotal of at least ${money(minimum, cur)}; this cart has ${money(cart.item_subtotal, cur)}`)
  }
  switch (reward.type) {
    case "fixed_amount": {
      const amount = reward.amounts?.[cur]
      if (amount === undefined) {
        throw notAllowed(`${label} is not offered in ${cur.toUpperCase()} (offered in: ${Object.keys(reward.amounts ?? {}).join(", ").toUpperCase() || "none"})`)
      }
      return {
        application_method: { type: "fixed", target_type: "order", allocation: "across", value: amount, currency_code: cur },
        discount_amount: Math.min(amount, cart.item_subtotal),
        max_discount: null,
      }
    }
    case "percentage": {
      const pct = reward.percentage ?? 0
      const cap = forCurrency(reward.max_discount, cur, label, "cap")
      const full = roundMoney((cart.item_subtotal * pct) / 100)
      if (cap !== undefined && full > cap) {
        // The cap binds now: give the cap as a fixed amount, so a bigger cart cannot exceed it.
        return {
          application_method: { type: "fixed", target_type: "order", allocation: "across", value: cap, currency_code: cur },
          discount_amount: cap,
          max_discount: cap,
          limits: { percentage: pct },
        }
      }
      return {
        application_method: { type: "percentage", target_type: "order", allocation: "across", value: pct },
        discount_amount: null,
        max_discount: cap ?? null,
        limits: { percentage: pct },
      }
    }
    case "free_shipping":
      return {
        application_method: { type: "percentage", target_type: "shipping_methods", allocation: "across", value: 100 },
        discount_amount: null,
        max_discount: null,
      }
    case "free_product": {
      if (!reward.variant_id || !cart.variant_ids.includes(reward.variant_id)) {
        throw notAllowed(`${label} gives product variant ${reward.variant_id} for free: add it to the cart first`)
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

/** Points paid as money: checks the program setting and the cart share, builds a fixed discount. */
export function planPointsDiscount(points: number, setting: PointsAsMoney | null, cart: CartForDiscount): DiscountPlan {
  const cur = cart.currency_code.toLowerCase()
  if (!setting?.enabled) throw notAllowed("This program does not let points pay for carts")
  const value = setting.value_per_point?.[cur]
  if (!value) throw notAllowed(`Points cannot pay for carts in ${cur.toUpperCase()}`)
  const amount = roundMoney(points * value)
  // The share is rounded down to the cent: points never pay more than the configured share.
  const limit = pointsShareLimit(cart.item_subtotal, setting.max_cart_share)
  if (amount > limit) {
    const maxPoints = Math.floor(limit / value + 1e-6)
    throw notAllowed(
      `points ${points} are worth ${money(amount, cur)}, more than ${Math.round(setting.max_cart_share * 100)}% of this cart (${money(limit, cur)}): use at most ${maxPoints} points`
    )
  }
  return {
    application_method: { type: "fixed", target_type: "order", allocation: "across", value: amount, currency_code: cur },
    discount_amount: amount,
    max_discount: null,
    limits: { max_cart_share: setting.max_cart_share, value_per_point: value },
  }
}

/** The most points as money may pay on a cart: the share of its items, rounded down to the cent. */
export function pointsShareLimit(itemSubtotal: number, maxCartShare: number): number {
  return Math.floor(itemSubtotal * maxCartShare * 100 + 1e-6) / 100
}
