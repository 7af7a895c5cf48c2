import type { PointsAsMoney, RedemptionDTO, RewardDTO } from "../../../../modules/loyalty"
import { currencyDigits, maxPointsWithin, minPointsForUnit, pointsAsMoney, shareLimit } from "../../../../modules/loyalty/lib/money"
import { checkRedemption } from "../../../../modules/loyalty/lib/redemption-check"
import { isRefusal, refusal } from "../../../../modules/loyalty/lib/refusal"
import type { RedemptionCart } from "../../../../workflows/redemption/steps/load-redemption-cart"

export type OnCart = {
  applicable: boolean
  reason: string | null
  message: string | null
  details: Record<string, unknown> | null
  /** What the reward would take off the cart now; null when it follows the cart (free shipping, a free product). */
  discount_amount: number | null
}

type Shopper = { id: string; balance: number; status: string } | null

const NOT_ENROLLED = refusal("not_enrolled", "Join the loyalty program before spending points (POST /store/loyalty/enroll)")

function outcome(run: () => { plan: { discount_amount: number | null } }): OnCart {
  try {
    const { plan } = run()
    return { applicable: true, reason: null, message: null, details: null, discount_amount: plan.discount_amount }
  } catch (e) {
    if (!isRefusal(e)) throw e
    return { applicable: false, reason: e.reason, message: e.message, details: e.details ?? {}, discount_amount: null }
  }
}

/**
 * Whether a reward can be applied to the cart now, by the rules the apply route enforces
 * (checkRedemption). Medusa decides one more thing only when the code is applied: whether its
 * promotion finds something in the cart to discount (`nothing_to_discount`).
 */
export function rewardOnCart(reward: RewardDTO, account: Shopper, cart: RedemptionCart, open: Pick<RedemptionDTO, "id" | "kind" | "reward_id">[], used: number): OnCart {
  return outcome(() => {
    if (!account) throw NOT_ENROLLED
    return checkRedemption({ account, program: {}, cart, open_on_cart: open, reward, reward_used: used })
  })
}

/**
 * Points as money on the cart now: the most points it accepts (the balance, within the share
 * of the items points may pay) and what they are worth; otherwise why none can be used.
 */
export function pointsOnCart(setting: PointsAsMoney | null, account: Shopper, cart: RedemptionCart, open: Pick<RedemptionDTO, "id" | "kind" | "reward_id">[]) {
  const cur = cart.currency_code.toLowerCase()
  const digits = currencyDigits(cart.currency_digits)
  const value = setting?.enabled ? setting.value_per_point?.[cur] : undefined
  const minPoints = value ? minPointsForUnit(value, digits) : null
  const shareMax = value ? maxPointsWithin(shareLimit(cart.item_subtotal, setting!.max_cart_share, digits), value, digits) : 0
  const most = Math.min(account?.balance ?? 0, shareMax)
  // The largest request that could pass; below the least a point can pay, the least (which says why it cannot).
  const points = Math.max(most, minPoints ?? 1)
  const fit = outcome(() => {
    if (!account) throw NOT_ENROLLED
    return checkRedemption({ account, program: { points_as_money: setting }, cart, open_on_cart: open, points })
  })
  return {
    applicable: fit.applicable,
    reason: fit.reason,
    message: fit.message,
    details: fit.details,
    currency_code: cur,
    value_per_point: value ?? null,
    min_points: minPoints,
    max_points: fit.applicable ? points : null,
    max_amount: fit.applicable ? pointsAsMoney(points, value!, digits).toNumber() : null,
  }
}
