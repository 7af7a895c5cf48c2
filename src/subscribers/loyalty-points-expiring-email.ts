import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { LoyaltyEvents } from "../modules/loyalty/events"
import { sendLoyaltyEmailWorkflow } from "../workflows/loyalty-messaging/workflows/send-loyalty-email"

type PointsExpiring = {
  id: string
  customer_id: string
  points: number
  expires_at: string
  /** The expiry day in the program's time zone (absent in events emitted before it was added). */
  expires_on?: string
  time_zone?: string
  balance: number
}

/** Warns a member that points expire soon (once per account and expiry day), the day written in the program's time zone. */
export default async function loyaltyPointsExpiringEmail({ event: { data }, container }: SubscriberArgs<PointsExpiring>) {
  await sendLoyaltyEmailWorkflow(container).run({
    input: {
      template_key: "loyalty_points_expiring",
      idempotency_key: `loyalty_points_expiring:${data.id}:${data.expires_on ?? new Date(data.expires_at).toISOString().slice(0, 10)}`,
      account_id: data.id,
      event: LoyaltyEvents.POINTS_EXPIRING,
      points: data.points,
      balance: data.balance,
      expires_at: data.expires_at,
      time_zone: data.time_zone ?? null,
    },
  })
}

export const config: SubscriberConfig = {
  event: LoyaltyEvents.POINTS_EXPIRING,
  context: { subscriberId: "rewardflow-points-expiring-email" },
}
