import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE, type LedgerChangeResult, type RedemptionDTO } from "../../../modules/loyalty"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { deactivatePromotions } from "../../redemption/steps/deactivate-promotion"
import type { OrderLoyalty } from "./load-order-loyalty"

export const settleOrderRedemptionsStepId = "settle-order-redemptions"

export type SettledRedemption = { redemption: RedemptionDTO; balance: number; entry?: LedgerChangeResult | null }

export type SettledRedemptions = {
  /** Reservations spent on the order (`redeem`). */
  captured: SettledRedemption[]
  /** Reservations given back: the order was placed without them, or it was canceled first. */
  released: SettledRedemption[]
  /** Spent points given back because the order was canceled. */
  refunded: SettledRedemption[]
}

const OPEN = ["pending", "reserved"]

/**
 * Brings the order's redemptions in line with the order as it is now. A placed order spends
 * the reservations whose code it carries and releases those of its cart it was placed without;
 * a canceled order releases what is still reserved (a capture that never ran, or runs late,
 * never spends points on a canceled order) and gives back what was spent. The promotions of
 * every settled redemption are made inactive (found by code too: a crash before the promotion
 * id was recorded left only the code). Each redemption is closed once whatever runs again, so
 * this step needs no compensation: a retry finds its work done. A redemption that cannot be
 * settled now (a busy account) fails the run after the others were settled, so the
 * coordinator is retried.
 *
 * @example
 * const settled = settleOrderRedemptionsStep(state)
 */
export const settleOrderRedemptionsStep = createStep(settleOrderRedemptionsStepId, async (state: OrderLoyalty, { container }) => {
  const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
  const settled: SettledRedemptions = { captured: [], released: [], refunded: [] }
  const failed: string[] = []
  const codes = new Set(state.codes)
  for (const r of state.redemptions) {
    const open = OPEN.includes(r.status)
    try {
      if (state.canceled && open) {
        const { redemption, entry } = await loyalty.releaseRedemption({ redemption_id: r.id, reason: `Order ${state.order_id} was canceled` })
        settled.released.push({ redemption, entry, balance: entry?.balance ?? 0 })
      } else if (state.canceled && r.status === "redeemed" && r.order_id === state.order_id) {
        const { redemption, entry } = await loyalty.refundRedemption({ redemption_id: r.id, reason: `Order ${state.order_id} canceled` })
        if (entry?.created) settled.refunded.push({ redemption, entry, balance: entry.balance })
      } else if (open && r.promotion_code && codes.has(r.promotion_code)) {
        const { redemption, created, balance } = await loyalty.captureRedemption({ redemption_id: r.id, order_id: state.order_id })
        if (created) settled.captured.push({ redemption, balance })
      } else if (open && r.cart_id === state.cart_id) {
        const { redemption, entry } = await loyalty.releaseRedemption({ redemption_id: r.id, reason: `Order ${state.order_id} was placed without this reward` })
        settled.released.push({ redemption, entry, balance: entry?.balance ?? 0 })
      }
    } catch (e) {
      failed.push(`${r.id} (${(e as Error).message})`)
    }
  }
  const closed = [
    ...state.redemptions.filter((r) => !OPEN.includes(r.status)),
    ...[...settled.captured, ...settled.released, ...settled.refunded].map((s) => s.redemption),
  ]
  await deactivatePromotions(container, {
    promotion_ids: closed.map((r) => r.promotion_id),
    promotion_codes: closed.map((r) => r.promotion_code),
  })
  if (failed.length) {
    throw new Error(`rewardflow: order ${state.order_id}: ${failed.length} redemption(s) could not be settled: ${failed.join("; ")}`)
  }
  return new StepResponse(settled)
})
