import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { reverseReturnPointsWorkflow } from "../workflows/loyalty/workflows/reverse-return-points"

/** Takes back the points of returned items (idempotent on the return). */
export default async function orderReturnReceivedReversePoints({
  event: { data },
  container,
}: SubscriberArgs<{ order_id: string; return_id: string }>) {
  await reverseReturnPointsWorkflow(container).run({ input: { order_id: data.order_id, return_id: data.return_id } })
}

export const config: SubscriberConfig = {
  event: "order.return_received",
  context: { subscriberId: "rewardflow-order-return-received-reverse-points" },
}
