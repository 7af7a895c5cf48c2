import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { settleOrderLoyalty } from "../workflows/loyalty/settle-order"

/**
 * A refund (Medusa's refundPaymentWorkflow: `POST /admin/payments/:id/refund`, with or without
 * a return) or a capture runs the coordinator of the payment's order: money given back without
 * a return takes back the points it earned, and money paid for a collection that replaced a
 * canceled authorization (after an edit or a return) gives them back. The events name only the
 * payment.
 */
export default async function paymentSettleLoyalty({ event, container }: SubscriberArgs<{ id: string }>) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [payment] } = await query.graph({ entity: "payment", fields: ["id", "payment_collection_id"], filters: { id: event.data.id } })
  if (!payment?.payment_collection_id) return
  const { data: links } = await query.graph({
    entity: "order_payment_collection",
    fields: ["order_id"],
    filters: { payment_collection_id: payment.payment_collection_id },
  })
  for (const order_id of new Set(links.map((l: { order_id: string }) => l.order_id).filter(Boolean))) {
    await settleOrderLoyalty(container, { order_id, trigger: event.name })
  }
}

export const config: SubscriberConfig = {
  event: ["payment.refunded", "payment.captured"],
  context: { subscriberId: "rewardflow-payment-settle-loyalty" },
}
