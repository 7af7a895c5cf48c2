import type { PointsAsMoney, RedemptionDTO, RewardDTO } from "../types"
import { pointsShareLimit } from "./reward-discount"

export type CheckoutCart = {
  id: string
  currency_code: string
  item_subtotal: number
  promotion_codes: string[]
  /** Discount given by each promotion code on this cart before tax, major units (see discountByCode). */
  discount_by_code: Record<string, number>
  /**
   * The program's points-as-money setting now: the share limit of a points redemption that
   * did not keep the share it was applied under.
   */
  points_as_money?: PointsAsMoney | null
}

type GuardedRedemption = RedemptionDTO & {
  reward?: (Pick<RewardDTO, "name" | "min_subtotal"> & Partial<Pick<RewardDTO, "type" | "percentage" | "max_discount">>) | null
  metadata?: {
    max_discount?: number | null
    /** Percentage the reward gave when applied. */
    percentage?: number | null
    /** Points as money: share of the items points may pay, and the value of a point, when applied. */
    max_cart_share?: number | null
    value_per_point?: number | null
  } | null
}

export type AdjustedLine = {
  /** A shipping method's adjustments carry no flag of their own: they follow the method. */
  is_tax_inclusive?: boolean | null
  tax_lines?: ({ rate?: number | string | null } | null)[] | null
  adjustments?: ({ code?: string | null; amount?: number | string | null; is_tax_inclusive?: boolean | null } | null)[] | null
}

/**
 * The discount each promotion code gives on the cart's lines, before tax: the terms of the
 * cart's `item_subtotal`, which the limits are worked out from. Medusa stores an adjustment of a
 * tax-inclusive line with its tax; like Medusa's totals, that tax is taken out.
 */
export function discountByCode(lines: (AdjustedLine | null | undefined)[]): Record<string, number> {
  const byCode: Record<string, number> = {}
  for (const line of lines) {
    const rate = (line?.tax_lines ?? []).reduce((sum, t) => sum + Number(t?.rate ?? 0), 0) / 100
    for (const a of line?.adjustments ?? []) {
      if (!a?.code) continue
      const amount = Number(a.amount ?? 0)
      const withTax = a.is_tax_inclusive ?? line?.is_tax_inclusive ?? false
      byCode[a.code] = (byCode[a.code] ?? 0) + (withTax ? amount / (1 + rate) : amount)
    }
  }
  return byCode
}

/** Discounts are compared to the cent (Medusa keeps adjustments unrounded). */
const TOLERANCE = 0.005

const label = (r: GuardedRedemption) => (r.reward ? `Reward "${r.reward.name.en}"` : `${r.points} points`)
const money = (n: number, currency: string) => `${n.toFixed(2)} ${currency.toUpperCase()}`

/**
 * The most a redemption's discount may be worth on the cart as it is now, with how that is
 * worked out; null when the discount does not depend on the cart's size (fixed amounts, which
 * Medusa never lets exceed the items; free shipping; a free product).
 *
 * - A percentage reward: its percentage of the items, never more than its cap. When the cap
 *   bound at apply time the promotion is a fixed amount (so a bigger cart cannot exceed it),
 *   and a cart that shrank afterwards would keep the whole cap without this check.
 * - Points as money: the program's share of the items, as when the points were applied.
 */
export function discountLimit(r: GuardedRedemption, cart: CheckoutCart): { limit: number; basis: string; maxPoints?: number } | null {
  const cur = r.currency_code
  const subtotal = cart.item_subtotal
  if (r.kind === "points") {
    const share = r.metadata?.max_cart_share ?? cart.points_as_money?.max_cart_share
    if (share == null) return null
    const limit = pointsShareLimit(subtotal, share)
    const perPoint = r.metadata?.value_per_point ?? (r.discount_amount != null ? Number(r.discount_amount) / r.points : null)
    return {
      limit,
      basis: `points may pay at most ${Math.round(share * 100)}% of the items (${money(subtotal, cur)})`,
      maxPoints: perPoint ? Math.floor(limit / perPoint + 1e-6) : undefined,
    }
  }
  const percentage = r.metadata?.percentage ?? (r.reward?.type === "percentage" ? r.reward.percentage : null)
  const cap = r.metadata?.max_discount ?? r.reward?.max_discount?.[cur] ?? null
  if (percentage == null) {
    return cap == null ? null : { limit: cap, basis: `its cap is ${money(cap, cur)}` }
  }
  const share = (subtotal * percentage) / 100
  return {
    limit: cap == null ? share : Math.min(share, cap),
    basis: `${percentage}% of the items (${money(subtotal, cur)})${cap == null ? "" : `, at most ${money(cap, cur)}`}`,
  }
}

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
    const given = cart.discount_by_code[r.promotion_code] ?? 0
    const allowed = discountLimit(r, cart)
    if (allowed && given > allowed.limit + TOLERANCE) {
      const cur = r.currency_code
      if (r.kind === "points") {
        const retry = allowed.maxPoints !== undefined ? ` with at most ${allowed.maxPoints} points` : ""
        return `${label(r)} take ${money(given, cur)} off, but ${allowed.basis}, which is ${money(allowed.limit, cur)}: the cart changed since they were applied. Remove them and apply points again${retry}`
      }
      return `${label(r)} takes ${money(given, cur)} off, but on this cart it is worth at most ${money(allowed.limit, cur)} (${allowed.basis}): the cart changed since it was applied. Remove the reward and apply it again`
    }
  }
  return null
}
