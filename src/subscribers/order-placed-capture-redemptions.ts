import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { captureOrderRedemptionsWorkflow } from "../workflows/redemption/workflows/capture-order-redemptions"

/** Spends the points reserved on the order's cart (idempotent on redelivery). */
export default async function orderPlacedCaptureRedemptions({ event: { data }, container }: SubscriberArgs<{ id: string }>) {
  await captureOrderRedemptionsWorkflow(container).run({ input: { order_id: data.id } })
}

export const config: SubscriberConfig = {
  event: "order.placed",
  context: { subscriberId: "rewardflow-order-placed-capture-redemptions" },
}
