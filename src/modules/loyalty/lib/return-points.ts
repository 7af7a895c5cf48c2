import { MathBN } from "@medusajs/framework/utils"
import type { BigNumberInput } from "@medusajs/framework/types"
import BigNumberJS from "bignumber.js"
import { countableAmount, type CountableOrderTotals, type EarnSettings } from "./earn-points"

/**
 * What an order's points were earned on, kept on its `earn` entry: the countable amount and
 * each item's share of it. Returns are measured against this snapshot, because Medusa changes
 * the order's totals once items come back.
 */
export type EarningBasis = {
  amount: string
  items: Record<string, { quantity: number; amount: string }>
}

export type EarnedItem = {
  id: string
  quantity: BigNumberInput
  /** Item total after discounts, taxes included. */
  total: BigNumberInput
  tax_total: BigNumberInput
}

const bn = (v: BigNumberInput | null | undefined): BigNumberJS => MathBN.convert(v ?? 0)

/** The snapshot of an order at earning time. */
export function earningBasis(order: CountableOrderTotals & { items?: EarnedItem[] | null }, settings: EarnSettings): EarningBasis {
  const items: EarningBasis["items"] = {}
  for (const item of order.items ?? []) {
    if (!item?.id) continue
    const net = settings.count_taxes ? bn(item.total) : bn(item.total).minus(bn(item.tax_total))
    items[item.id] = { quantity: bn(item.quantity).toNumber(), amount: BigNumberJS.max(net, 0).toString() }
  }
  return { amount: countableAmount(order, settings).toString(), items }
}

/**
 * Points to have taken back once `received` quantities of the order's items came back (all
 * returns of the order so far): the earned points times the share of the earning amount those
 * items made, rounded like earning. Cumulative, so two half returns take back what one whole
 * return would, and returning everything takes back at most what was earned.
 */
export function pointsForReturnedItems(
  earned: number,
  basis: EarningBasis,
  received: Record<string, number>,
  rounding: EarnSettings["rounding"]
): number {
  const base = bn(basis.amount)
  if (earned <= 0 || base.lte(0)) return 0
  let returned = new BigNumberJS(0)
  for (const [id, item] of Object.entries(basis.items)) {
    const back = Math.min(received[id] ?? 0, item.quantity)
    if (back <= 0 || item.quantity <= 0) continue
    returned = returned.plus(bn(item.amount).times(back).div(item.quantity))
  }
  const share = BigNumberJS.min(returned.div(base), 1)
  const mode = rounding === "nearest" ? BigNumberJS.ROUND_HALF_UP : BigNumberJS.ROUND_FLOOR
  return share.times(earned).integerValue(mode).toNumber()
}
