import { MathBN } from "@medusajs/framework/utils"
import type { BigNumberInput } from "@medusajs/framework/types"
import BigNumberJS from "bignumber.js"
import type { EarnRate } from "../types"

export type CountableOrderTotals = {
  currency_code: string
  item_total: BigNumberInput
  item_tax_total: BigNumberInput
  shipping_total?: BigNumberInput | null
  shipping_tax_total?: BigNumberInput | null
}

export type EarnSettings = {
  earn_rates: Record<string, EarnRate>
  rounding: "floor" | "nearest"
  count_shipping: boolean
  count_taxes: boolean
}

const bn = (v: BigNumberInput | null | undefined): BigNumberJS => MathBN.convert(v ?? 0)

/**
 * The amount of an order that earns points: items after discounts, plus shipping and
 * taxes when the program counts them.
 */
export function countableAmount(order: CountableOrderTotals, settings: EarnSettings): BigNumberJS {
  const itemTax = bn(order.item_tax_total)
  const shippingTax = bn(order.shipping_tax_total)
  let amount = bn(order.item_total).minus(itemTax)
  if (settings.count_shipping) {
    amount = amount.plus(bn(order.shipping_total).minus(shippingTax))
  }
  if (settings.count_taxes) {
    amount = amount.plus(itemTax)
    if (settings.count_shipping) amount = amount.plus(shippingTax)
  }
  return BigNumberJS.max(amount, 0)
}

/**
 * A tier's earn multiplier as an exact decimal: stored as a PostgreSQL real, read to two decimals
 * (1.1 is 1.10, not 1.100000023841858). Anything below 1 or not a number counts as 1.
 */
export function multiplierOf(value: unknown): BigNumberJS {
  const n = new BigNumberJS(value == null ? 1 : String(value))
  if (!n.isFinite() || n.lt(1)) return new BigNumberJS(1)
  return n.decimalPlaces(2, BigNumberJS.ROUND_HALF_UP)
}

/**
 * Points for `amount` in `currency` (0 when the program has no rate for the currency), times the
 * member's tier multiplier before rounding: amount x rate.points / rate.amount x multiplier, then
 * the program's rounding, once.
 */
export function pointsForAmount(
  amount: BigNumberInput,
  currency: string,
  settings: Pick<EarnSettings, "earn_rates" | "rounding">,
  multiplier: unknown = 1
): number {
  const rate = settings.earn_rates[currency.toLowerCase()]
  if (!rate || !(rate.amount > 0) || !(rate.points > 0)) {
    return 0
  }
  const raw = bn(amount).times(rate.points).div(rate.amount).times(multiplierOf(multiplier))
  const mode = settings.rounding === "nearest" ? BigNumberJS.ROUND_HALF_UP : BigNumberJS.ROUND_FLOOR
  return Math.max(0, raw.integerValue(mode).toNumber())
}

/** Points an order earns under `settings`. */
export function pointsForOrder(order: CountableOrderTotals, settings: EarnSettings): number {
  return pointsForAmount(countableAmount(order, settings), order.currency_code, settings)
}
