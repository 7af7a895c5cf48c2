import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { LoyaltyEvents } from "../modules/loyalty/events"
import { sendLoyaltyEmailWorkflow } from "../workflows/loyalty-messaging/workflows/send-loyalty-email"

type PointsEarned = {
  id: string
  account_id: string
  points: number
  balance: number
  type: "earn" | "welcome_bonus"
  order_id?: string | null
}

/** Tells a member about points credited: the welcome bonus or an order's points (once per entry). */
export default async function loyaltyPointsEarnedEmail({ event: { data }, container }: SubscriberArgs<PointsEarned>) {
  const template_key = data.type === "welcome_bonus" ? "loyalty_welcome_bonus" : "loyalty_points_earned"
  await sendLoyaltyEmailWorkflow(container).run({
    input: {
      template_key,
      idempotency_key: `${template_key}:${data.id}`,
      account_id: data.account_id,
      event: LoyaltyEvents.POINTS_EARNED,
      points: data.points,
      balance: data.balance,
      order_id: data.order_id ?? null,
    },
  })
}

export const config: SubscriberConfig = {
  event: LoyaltyEvents.POINTS_EARNED,
  context: { subscriberId: "rewardflow-points-earned-email" },
}
