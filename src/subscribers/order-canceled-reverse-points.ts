import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { reverseOrderPointsWorkflow } from "../workflows/loyalty/workflows/reverse-order-points"
import { refundOrderRedemptionsWorkflow } from "../workflows/redemption/workflows/refund-order-redemptions"

/**
 * A canceled order gives back the points spent on it, then takes back the points it earned
 * (in that order, so the reversal is not cut short by points the shopper is owed). Both are
 * idempotent.
 */
export default async function orderCanceledReversePoints({ event: { data }, container }: SubscriberArgs<{ id: string }>) {
  await refundOrderRedemptionsWorkflow(container).run({ input: { order_id: data.id } })
  await reverseOrderPointsWorkflow(container).run({ input: { order_id: data.id } })
}

export const config: SubscriberConfig = {
  event: "order.canceled",
  context: { subscriberId: "rewardflow-order-canceled-reverse-points" },
}
