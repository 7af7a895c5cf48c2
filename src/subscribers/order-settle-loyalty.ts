import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { settleOrderLoyalty } from "../workflows/loyalty/settle-order"

/** The order events after which what the shopper finally pays for may have changed. */
export const ORDER_LOYALTY_EVENTS = [
  "order.placed",
  "order.canceled",
  "order.return_received",
  "order.claim_created",
  "order.exchange_created",
  "order-edit.confirmed",
] as const

/**
 * Every order event runs the order's loyalty coordinator, which reads the order as it is now:
 * points awarded, captured, refunded and taken back exactly, whatever the events' order.
 */
export default async function orderSettleLoyalty({ event, container }: SubscriberArgs<{ id?: string; order_id?: string }>) {
  const order_id = event.data.order_id ?? event.data.id
  if (!order_id) return
  await settleOrderLoyalty(container, { order_id, trigger: event.name })
}

export const config: SubscriberConfig = {
  event: [...ORDER_LOYALTY_EVENTS],
  context: { subscriberId: "rewardflow-order-settle-loyalty" },
}
