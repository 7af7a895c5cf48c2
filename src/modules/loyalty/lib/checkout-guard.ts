import type { RedemptionDTO } from "../types"

export type CheckoutCart = {
  id: string
  currency_code: string
  item_subtotal: number
  promotion_codes: string[]
  /** Discount given by each promotion code on this cart, major units. */
  discount_by_code: Record<string, number>
}

type GuardedRedemption = RedemptionDTO & {
  reward?: { name: { en: string }; min_subtotal: Record<string, number> | null } | null
  metadata?: { max_discount?: number | null } | null
}

const label = (r: GuardedRedemption) => (r.reward ? `Reward "${r.reward.name.en}"` : `${r.points} points`)

/**
 * Why a cart must not be completed with its loyalty redemptions, or null when it may.
 * `onCart` are the redemptions recorded for this cart; `byCode` those whose code the cart
 * carries (which may belong to another cart or be released).
 */
export function checkoutProblem(cart: CheckoutCart, onCart: GuardedRedemption[], byCode: GuardedRedemption[]): string | null {
  for (const r of byCode) {
    if (r.cart_id !== cart.id) return `Promotion code ${r.promotion_code} belongs to another cart: remove it from this cart`
    if (r.status === "released") {
      return `${label(r)} was released (${r.released_reason ?? "removed"}): its points went back to the account. Remove code ${r.promotion_code} and apply the reward again`
    }
  }
  for (const r of onCart) {
    if (!["pending", "reserved"].includes(r.status)) continue
    if (!r.promotion_code || !cart.promotion_codes.includes(r.promotion_code)) {
      return `${label(r)} is no longer applied to this cart (the cart changed): remove it and apply it again`
    }
    if (r.currency_code !== cart.currency_code.toLowerCase()) {
      return `${label(r)} was applied in ${r.currency_code.toUpperCase()} but the cart is now in ${cart.currency_code.toUpperCase()}: remove it and apply it again`
    }
    const minimum = r.reward?.min_subtotal?.[r.currency_code]
    if (minimum !== undefined && cart.item_subtotal < minimum) {
      return `${label(r)} needs a cart subtotal of at least ${minimum.toFixed(2)} ${r.currency_code.toUpperCase()}; the cart now has ${cart.item_subtotal.toFixed(2)}`
    }
    const cap = r.metadata?.max_discount
    const given = cart.discount_by_code[r.promotion_code] ?? 0
    if (cap != null && given > cap + 0.005) {
      return `${label(r)} now takes ${given.toFixed(2)} off, more than its cap of ${cap.toFixed(2)} ${r.currency_code.toUpperCase()}: remove it and apply it again`
    }
  }
  return null
}
