import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { awardOrderPointsWorkflow } from "../workflows/loyalty/workflows/award-order-points"

/** Awards loyalty points for a placed order (idempotent: a redelivered event awards once). */
export default async function orderPlacedAwardPoints({ event: { data }, container }: SubscriberArgs<{ id: string }>) {
  await awardOrderPointsWorkflow(container).run({ input: { order_id: data.id } })
}

export const config: SubscriberConfig = {
  event: "order.placed",
  context: { subscriberId: "rewardflow-order-placed-award-points" },
}
