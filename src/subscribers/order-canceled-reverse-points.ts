import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { reverseOrderPointsWorkflow } from "../workflows/loyalty/workflows/reverse-order-points"

/** Takes back the points of a canceled order (idempotent). */
export default async function orderCanceledReversePoints({ event: { data }, container }: SubscriberArgs<{ id: string }>) {
  await reverseOrderPointsWorkflow(container).run({ input: { order_id: data.id } })
}

export const config: SubscriberConfig = {
  event: "order.canceled",
  context: { subscriberId: "rewardflow-order-canceled-reverse-points" },
}
