import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { LoyaltyEvents } from "../modules/loyalty/events"
import { sendLoyaltyEmailWorkflow } from "../workflows/loyalty-messaging/workflows/send-loyalty-email"

type PointsEarned = {
  id: string
  account_id: string
  points: number
  balance: number
  /** `mature`: an order's pending points became spendable (the mail goes then, not when the order was placed). */
  type: "earn" | "welcome_bonus" | "mature" | "birthday_bonus" | "referral_bonus"
  order_id?: string | null
  /** referral_bonus: which side of the referral this member is. */
  side?: "referrer" | "referee"
}

const TEMPLATE_BY_TYPE = {
  welcome_bonus: "loyalty_welcome_bonus",
  birthday_bonus: "loyalty_birthday_bonus",
  referral_bonus: "loyalty_referral_bonus",
  earn: "loyalty_points_earned",
  mature: "loyalty_points_earned",
} as const

/**
 * Tells a member about spendable points credited: the welcome, birthday or referral bonus (each
 * its own template) or an order's points, at placement or, under a pending period, when they
 * become available (once per entry).
 */
export default async function loyaltyPointsEarnedEmail({ event: { data }, container }: SubscriberArgs<PointsEarned>) {
  const template_key = TEMPLATE_BY_TYPE[data.type] ?? "loyalty_points_earned"
  await sendLoyaltyEmailWorkflow(container).run({
    input: {
      template_key,
      idempotency_key: `${template_key}:${data.id}`,
      account_id: data.account_id,
      event: LoyaltyEvents.POINTS_EARNED,
      points: data.points,
      balance: data.balance,
      order_id: data.order_id ?? null,
      referrer: data.type === "referral_bonus" ? data.side === "referrer" : null,
    },
  })
}

export const config: SubscriberConfig = {
  event: LoyaltyEvents.POINTS_EARNED,
  context: { subscriberId: "rewardflow-points-earned-email" },
}
