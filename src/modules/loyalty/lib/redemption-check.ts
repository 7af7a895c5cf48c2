import type { PointsAsMoney, RedemptionDTO, RewardDTO } from "../types"
import { refusal } from "./refusal"
import { type CartForDiscount, type DiscountPlan, planPointsDiscount, planRewardDiscount } from "./reward-discount"

/** Whether a reward can be redeemed at all now: active and within its window; refuses with the reason. */
export function checkRewardAvailable(reward: Pick<RewardDTO, "id" | "name" | "is_active" | "starts_at" | "ends_at">, now: Date): void {
  const details = {
    reward_id: reward.id,
    starts_at: reward.starts_at ? new Date(reward.starts_at).toISOString() : null,
    ends_at: reward.ends_at ? new Date(reward.ends_at).toISOString() : null,
  }
  if (!reward.is_active) throw refusal("reward_not_available", `Reward "${reward.name.en}" is not active`, details)
  if (reward.starts_at && new Date(reward.starts_at) > now) {
    throw refusal("reward_not_available", `Reward "${reward.name.en}" can be redeemed from ${details.starts_at}`, details)
  }
  if (reward.ends_at && new Date(reward.ends_at) <= now) {
    throw refusal("reward_not_available", `Reward "${reward.name.en}" ended on ${details.ends_at}`, details)
  }
}

export type RedemptionCheck = {
  account: { id: string; balance: number; status: string }
  /** The program's points-as-money setting. */
  program: { points_as_money?: PointsAsMoney | null }
  cart: CartForDiscount & { id: string }
  /** The cart's open (pending, reserved) redemptions. */
  open_on_cart: Pick<RedemptionDTO, "id" | "kind" | "reward_id">[]
  /** A reward (available: see checkRewardAvailable) and how often this shopper has it open or redeemed... */
  reward?: RewardDTO
  reward_used?: number
  /** ...or points as money. */
  points?: number
}

/**
 * Every rule a redemption must pass before its points are reserved, in the order the shopper
 * meets them: the account, the reward on this cart (once per cart, the per-customer
 * limit, its minimum, currency and what it gives), then the balance. Throws the first refusal;
 * returns the discount and the points it costs. The apply route runs it under the account lock;
 * the cart-aware reward list runs it to say what would happen.
 */
export function checkRedemption(input: RedemptionCheck): { plan: DiscountPlan; points: number } {
  const { account, cart, reward } = input
  if (account.status !== "active") {
    throw refusal("account_blocked", `Loyalty account ${account.id} is ${account.status}: points cannot be spent`, { account_status: account.status })
  }
  let plan: DiscountPlan
  let points: number
  if (reward) {
    if (input.open_on_cart.some((r) => r.reward_id === reward.id)) {
      throw refusal("reward_already_applied", `Reward "${reward.name.en}" is already applied to cart ${cart.id}`, { reward_id: reward.id })
    }
    checkRewardLimit(reward, input.reward_used ?? 0)
    plan = planRewardDiscount(reward, cart)
    points = reward.points_cost
  } else {
    const open = input.open_on_cart.find((r) => r.kind === "points")
    if (open) {
      throw refusal("points_already_applied", `Points already pay for part of cart ${cart.id}: remove them first to change the amount`, { redemption_id: open.id })
    }
    points = input.points!
    plan = planPointsDiscount(points, input.program.points_as_money ?? null, cart)
  }
  checkBalance(account, points, reward)
  return { plan, points }
}

/** The per-customer limit: `used` counts the shopper's uses online and in store (see rewardUses). */
export function checkRewardLimit(reward: Pick<RewardDTO, "id" | "name" | "per_customer_limit">, used: number): void {
  if (reward.per_customer_limit && used >= reward.per_customer_limit) {
    throw refusal(
      "reward_limit_reached",
      `Reward "${reward.name.en}" can be redeemed ${reward.per_customer_limit} time(s) per customer, and it has been used ${used} time(s)`,
      { reward_id: reward.id, limit: reward.per_customer_limit, used }
    )
  }
}

/** Spendable points cover `points` (pending or reserved points never do: they are not in the balance). */
export function checkBalance(account: { balance: number }, points: number, reward?: Pick<RewardDTO, "name"> | null): void {
  if (account.balance < points) {
    throw refusal(
      "insufficient_points",
      reward
        ? `Not enough points: balance ${account.balance}, reward "${reward.name.en}" costs ${points}`
        : `Not enough points: balance ${account.balance}, ${points} requested`,
      { balance: account.balance, points_required: points, points_missing: points - account.balance }
    )
  }
}
