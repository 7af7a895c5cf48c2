import type { BigNumberInput } from "@medusajs/framework/types"
import type BigNumberJS from "bignumber.js"
import type { PointsAsMoney, RedemptionDTO, RewardDTO } from "../types"
import {
  currencyDigits,
  exceedsLimit,
  formatAmount,
  formatMoney,
  formatShare,
  maxPointsWithin,
  percentOf,
  shareLimit,
  toMoney,
} from "./money"

export type CheckoutCart = {
  id: string
  currency_code: string
  /** Digits of the cart's currency (JPY 0, KWD 3); 2 when not given. */
  currency_digits?: number
  item_subtotal: BigNumberInput
  promotion_codes: string[]
  /** Discount given by each promotion code on this cart before tax, major units (see discountByCode). */
  discount_by_code: Record<string, BigNumberInput>
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
  tax_lines?: ({ rate?: BigNumberInput | null } | null)[] | null
  adjustments?:
    | ({ code?: string | null; amount?: BigNumberInput | null; raw_amount?: BigNumberInput | null; is_tax_inclusive?: boolean | null } | null)[]
    | null
}

/**
 * The discount each promotion code gives on the cart's lines, before tax: the terms of the
 * cart's `item_subtotal`, which the limits are worked out from. Medusa stores an adjustment of a
 * tax-inclusive line with its tax; like Medusa's totals, that tax is taken out.
 */
export function discountByCode(lines: (AdjustedLine | null | undefined)[]): Record<string, BigNumberJS> {
  const byCode: Record<string, BigNumberJS> = {}
  for (const line of lines) {
    const rate = (line?.tax_lines ?? []).reduce((sum, t) => sum.plus(toMoney(t?.rate)), toMoney(0)).div(100)
    for (const a of line?.adjustments ?? []) {
      if (!a?.code) continue
      // The raw amount keeps every digit Medusa worked out; the amount column may be rounded.
      const amount = toMoney(a.raw_amount ?? a.amount)
      const withTax = a.is_tax_inclusive ?? line?.is_tax_inclusive ?? false
      byCode[a.code] = (byCode[a.code] ?? toMoney(0)).plus(withTax ? amount.div(rate.plus(1)) : amount)
    }
  }
  return byCode
}

const label = (r: GuardedRedemption) => (r.reward ? `Reward "${r.reward.name.en}"` : `${r.points} points`)

/**
 * The most a redemption's discount may be worth on the cart as it is now, with how that is
 * worked out; null when the discount does not depend on the cart's size (fixed amounts, which
 * Medusa never lets exceed the items; free shipping; a free product).
 *
 * - A percentage reward: its percentage of the items, never more than its cap. Its promotion is
 *   the fixed amount it came to when applied (rounded to the currency, or the cap), which a
 *   cart that shrank afterwards would keep in full without this check.
 * - Points as money: the program's share of the items, as when the points were applied.
 */
export function discountLimit(r: GuardedRedemption, cart: CheckoutCart): { limit: BigNumberJS; basis: string; maxPoints?: number } | null {
  const cur = r.currency_code
  const digits = currencyDigits(cart.currency_digits)
  const money = (n: BigNumberInput) => formatMoney(n, cur, digits)
  const subtotal = toMoney(cart.item_subtotal)
  if (r.kind === "points") {
    const share = r.metadata?.max_cart_share ?? cart.points_as_money?.max_cart_share
    if (share == null) return null
    const limit = shareLimit(subtotal, share, digits)
    const perPoint = r.metadata?.value_per_point ?? (r.discount_amount != null && r.points ? toMoney(r.discount_amount).div(r.points) : null)
    return {
      limit,
      basis: `points may pay at most ${formatShare(share)}% of the items (${money(subtotal)})`,
      maxPoints: perPoint ? maxPointsWithin(limit, perPoint, digits) : undefined,
    }
  }
  const percentage = r.metadata?.percentage ?? (r.reward?.type === "percentage" ? r.reward.percentage : null)
  const cap = r.metadata?.max_discount ?? r.reward?.max_discount?.[cur] ?? null
  if (percentage == null) {
    return cap == null ? null : { limit: toMoney(cap), basis: `its cap is ${money(cap)}` }
  }
  // Unrounded: the discount was rounded to the currency, which the comparison's tolerance allows.
  const share = percentOf(subtotal, percentage)
  return {
    limit: cap == null || share.lt(cap) ? share : toMoney(cap),
    basis: `${percentage}% of the items (${money(subtotal)})${cap == null ? "" : `, at most ${money(cap)}`}`,
  }
}

/**
 * Why a cart must not be completed with its loyalty redemptions, or null when it may.
 * `onCart` are the redemptions recorded for this cart; `byCode` those whose code the cart
 * carries (which may belong to another cart or be released).
 */
export function checkoutProblem(cart: CheckoutCart, onCart: GuardedRedemption[], byCode: GuardedRedemption[]): string | null {
  const digits = currencyDigits(cart.currency_digits)
  const subtotal = toMoney(cart.item_subtotal)
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
    if (minimum !== undefined && subtotal.lt(minimum)) {
      return `${label(r)} needs a cart subtotal of at least ${formatMoney(minimum, r.currency_code, digits)}; the cart now has ${formatAmount(subtotal, digits)}`
    }
    const given = cart.discount_by_code[r.promotion_code] ?? 0
    const allowed = discountLimit(r, cart)
    // Compared in the currency's precision: Medusa keeps adjustments unrounded.
    if (allowed && exceedsLimit(given, allowed.limit, digits)) {
      const cur = r.currency_code
      const money = (n: BigNumberInput) => formatMoney(n, cur, digits)
      if (r.kind === "points") {
        const retry = allowed.maxPoints !== undefined ? ` with at most ${allowed.maxPoints} points` : ""
        return `${label(r)} take ${money(given)} off, but ${allowed.basis}, which is ${money(allowed.limit)}: the cart changed since they were applied. Remove them and apply points again${retry}`
      }
      return `${label(r)} takes ${money(given)} off, but on this cart it is worth at most ${money(allowed.limit)} (${allowed.basis}): the cart changed since it was applied. Remove the reward and apply it again`
    }
  }
  return null
}
