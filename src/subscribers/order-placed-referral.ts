import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { settleReferralsWorkflow } from "../workflows/loyalty-bonuses/workflows/settle-referrals"

/** A referred customer's order: the referral records it (or refuses a self-referral by address) at once. */
export default async function orderPlacedReferral({ event: { data }, container }: SubscriberArgs<{ id: string }>) {
  await settleReferralsWorkflow(container).run({ input: { order_id: data.id } })
}

export const config: SubscriberConfig = {
  event: "order.placed",
  context: { subscriberId: "rewardflow-order-placed-referral" },
}
