import { MathBN } from "@medusajs/framework/utils"
import type { BigNumberInput } from "@medusajs/framework/types"
import BigNumberJS from "bignumber.js"
import type { EarnRate } from "../types"
import { countableAmount, type CountableOrderTotals, type EarnSettings, multiplierOf, pointsForAmount } from "./earn-points"

/**
 * What an order's points were earned on, kept on its first `earn` entry (metadata
 * `earning_basis`): the counted amount, each item's part of it, the shipping part, what the
 * shopper was charged, and the earn settings of the day. Every later change of the order is
 * measured against it, so a program changed since never re-prices an old order.
 */
export type EarningBasis = {
  version: 2
  currency_code: string
  rate: EarnRate
  rounding: EarnSettings["rounding"]
  count_shipping: boolean
  count_taxes: boolean
  /** The counted amount (items after discounts, plus shipping and taxes as the program counts them). */
  amount: string
  /** Each item's part of `amount`, for all its units. */
  items: Record<string, { quantity: number; amount: string }>
  /** The shipping part of `amount` (0 unless the program counts shipping). */
  shipping: string
  /** What the shopper was charged for the order (its total). */
  total: string
  /**
   * The money the shopper had put up for the order (authorized, before any refund: see
   * moneyAuthorized); absent in older bases. A refund made before a late first award is measured
   * against it too.
   */
  paid?: string
  /**
   * The member's tier multiplier when the order first earned (two decimals, e.g. "1.5"); absent in
   * older bases, which earned at 1. Later changes of the order are measured at it, never re-priced.
   */
  multiplier?: string
}

/** Bases written before version 2 had only the amount and the items. */
type LegacyBasis = { amount: string; items: Record<string, { quantity: number; amount: string }> }

export type OrderItemNow = {
  id: string
  quantity: BigNumberInput
  total: BigNumberInput
  tax_total: BigNumberInput
  /** Medusa's per-item detail: units received back (all passes of all returns) and dismissed. */
  detail?: { return_received_quantity?: BigNumberInput | null; return_dismissed_quantity?: BigNumberInput | null } | null
}

/** The order as it is now. */
export type OrderForPoints = CountableOrderTotals & {
  total: BigNumberInput
  /** The money the merchant keeps for the order now (see moneyKept). */
  paid?: BigNumberInput | null
  /** The money the shopper put up for the order, refunds not deducted (see moneyAuthorized). */
  authorized?: BigNumberInput | null
  items?: (OrderItemNow | null)[] | null
}

const bn = (v: BigNumberInput | null | undefined): BigNumberJS => MathBN.convert(v ?? 0)
const clamp0 = (v: BigNumberJS) => BigNumberJS.max(v, 0)

/** An item's counted amount, for all its units (after discounts; taxes when counted). */
const itemAmount = (item: OrderItemNow, countTaxes: boolean) =>
  clamp0(countTaxes ? bn(item.total) : bn(item.total).minus(bn(item.tax_total)))

export type PaymentCollectionNow = {
  status?: string | null
  authorized_amount?: BigNumberInput | null
  refunded_amount?: BigNumberInput | null
}

/**
 * The money the shopper has put up for an order and not been refunded: what its payment
 * collections authorized (captured or not: an order is usually captured well after it was
 * placed) less what they refunded. A collection canceled while the order stands still counts
 * what it authorized: Medusa cancels an authorization when an edit, a return or a claim on an
 * uncaptured order replaces the collection with a new one for the whole amount, which holds
 * nothing until it is paid. A collection not paid yet (the charge for a replacement) holds
 * nothing. (A canceled order gives no points whatever its payments say.)
 */
export function moneyKept(collections: (PaymentCollectionNow | null)[] | null | undefined): string {
  let kept = new BigNumberJS(0)
  for (const c of collections ?? []) {
    if (!c) continue
    kept = kept.plus(clamp0(bn(c.authorized_amount).minus(bn(c.refunded_amount))))
  }
  return kept.toString()
}

/** What the payment collections authorized, refunds not deducted: the money put up for the order. */
export function moneyAuthorized(collections: (PaymentCollectionNow | null)[] | null | undefined): string {
  return moneyKept((collections ?? []).map((c) => (c ? { ...c, refunded_amount: 0 } : c)))
}

/** Units of an item the shopper has now: ordered (edits rewrite it) less those received back or dismissed. */
const unitsKept = (item: OrderItemNow) =>
  clamp0(bn(item.quantity).minus(bn(item.detail?.return_received_quantity)).minus(bn(item.detail?.return_dismissed_quantity)))

/**
 * The basis of an order at its first award, with the program's settings of the day and the
 * member's tier multiplier. An item's total counts only the units not returned (Medusa prices
 * received units out of it), so the basis records those units.
 */
export function earningBasis(order: OrderForPoints, settings: EarnSettings, multiplier: unknown = 1): EarningBasis {
  const items: EarningBasis["items"] = {}
  for (const item of order.items ?? []) {
    if (!item?.id) continue
    items[item.id] = { quantity: unitsKept(item).toNumber(), amount: itemAmount(item, settings.count_taxes).toString() }
  }
  return {
    ...basisOf(countableAmount(order, settings), items, { ...settings, currency_code: order.currency_code }),
    total: clamp0(bn(order.total)).toString(),
    ...((order.authorized ?? order.paid) != null ? { paid: clamp0(bn(order.authorized ?? order.paid)).toString() } : {}),
    multiplier: multiplierOf(multiplier).toString(),
  }
}

/** The settings and amounts of a basis; what is not the items' part is shipping (with its tax when taxes count). */
function basisOf(amount: BigNumberInput, items: EarningBasis["items"], settings: EarnSettings & { currency_code: string }) {
  const currency = settings.currency_code.toLowerCase()
  const itemsTotal = Object.values(items).reduce((s, i) => s.plus(i.amount), new BigNumberJS(0))
  return {
    version: 2 as const,
    currency_code: currency,
    rate: settings.earn_rates[currency] ?? { points: 0, amount: 1 },
    rounding: settings.rounding,
    count_shipping: settings.count_shipping,
    count_taxes: settings.count_taxes,
    amount: bn(amount).toString(),
    items,
    shipping: clamp0(bn(amount).minus(itemsTotal)).toString(),
  }
}

/** A basis written before version 2, read with the program's current settings. */
export function upgradeBasis(basis: EarningBasis | LegacyBasis, settings: EarnSettings & { currency_code: string }, earnedTotal: BigNumberInput): EarningBasis {
  if ((basis as EarningBasis).version === 2) return basis as EarningBasis
  return { ...basisOf(basis.amount, basis.items, settings), total: bn(earnedTotal).toString() }
}

/** Points for a counted amount under the basis's own rate, rounding and tier multiplier. */
export function pointsOnBasis(basis: EarningBasis, amount: BigNumberInput): number {
  return pointsForAmount(
    amount,
    basis.currency_code,
    { earn_rates: { [basis.currency_code]: basis.rate }, rounding: basis.rounding },
    basis.multiplier ?? 1
  )
}

export type OrderPointsTarget = {
  /** The points the order gives in the end. */
  target: number
  /** The counted amount the shopper kept, by the items still kept. */
  kept_by_items: string
  /** The counted amount the shopper kept, by what the order charges now. */
  kept_by_money: string
  /** The counted amount the shopper kept: the smaller measure, what `target` is the points of. */
  kept: string
}

/**
 * The points an order gives now: what it earns, under its basis, on the part the shopper kept.
 * Two measures of that part, and the smaller wins, so one change is never counted twice:
 * - by the items: each item's counted amount per unit (as earned) times the units kept now:
 *   ordered (edits rewrite it; a line edited to 0 is gone) less those received back or
 *   dismissed over every pass of every return; plus the shipping part. Written-off claim units
 *   stay kept: Medusa keeps charging them until the merchant refunds;
 * - by the money: the counted amount in the proportion of the money the merchant keeps for the
 *   order now (paid or authorized, less refunds: see moneyKept) to what it held when the points
 *   were earned. A refund after a return is counted by both measures and taken once (the
 *   smaller wins); items added but not paid for (a replacement) do not hide a refund.
 * Units the order gained later (edits, exchanges, replacement claims) count at their own price,
 * but an order never gives more than it earned when placed: what is added before it is paid,
 * or replaces a damaged unit, earns nothing more. A canceled order gives nothing.
 */
export function orderPointsTarget(basis: EarningBasis, order: OrderForPoints | null, canceled: boolean): OrderPointsTarget {
  const earned = bn(basis.amount)
  if (!order || canceled || earned.lte(0)) return { target: 0, kept_by_items: "0", kept_by_money: "0", kept: "0" }
  let byItems = bn(basis.shipping)
  for (const item of order.items ?? []) {
    if (!item?.id) continue
    const kept = unitsKept(item)
    if (kept.lte(0)) continue
    // Medusa's item total already counts only the kept units.
    const now = itemAmount(item, basis.count_taxes)
    const known = basis.items[item.id]
    if (!known) {
      byItems = byItems.plus(now)
      continue
    }
    const asEarned = BigNumberJS.min(kept, known.quantity)
    // Multiplied before divided, so a whole item counts exactly what it earned.
    if (known.quantity > 0) byItems = byItems.plus(bn(known.amount).times(asEarned).div(known.quantity))
    // Units added to a line later count at the line's price now.
    if (kept.gt(asEarned)) byItems = byItems.plus(now.times(kept.minus(asEarned)).div(kept))
  }
  const paidThen = basis.paid === undefined ? null : bn(basis.paid)
  const byMoney = paidThen && paidThen.gt(0) && order.paid != null ? earned.times(clamp0(bn(order.paid))).div(paidThen) : earned
  // Shares of a line (1 of 3 units) do not terminate in decimals: rounded to 10 places, far below
  // any currency's unit, so parts that add up to a whole count as the whole.
  const kept = BigNumberJS.min(byItems, byMoney, earned).decimalPlaces(10, BigNumberJS.ROUND_HALF_UP)
  return { target: pointsOnBasis(basis, kept), kept_by_items: byItems.toString(), kept_by_money: byMoney.toString(), kept: kept.toString() }
}
