import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { captureOrderRedemptionsWorkflow } from "../workflows/redemption/workflows/capture-order-redemptions"

/** Spends the points reserved on the order's cart (idempotent on redelivery). */
export default async function orderPlacedCaptureRedemptions({ event: { data }, container }: SubscriberArgs<{ id: string }>) {
  const { result } = await captureOrderRedemptionsWorkflow(container).run({ input: { order_id: data.id } })
  if (result.failed.length) {
    // The others were settled; failing the delivery lets the event bus retry these (idempotent),
    // and the release job settles what is still open later.
    throw new Error(
      `rewardflow: order ${data.id}: ${result.failed.length} redemption(s) could not be settled: ` +
        result.failed.map((f) => `${f.id} (${f.error})`).join("; ")
    )
  }
}

export const config: SubscriberConfig = {
  event: "order.placed",
  context: { subscriberId: "rewardflow-order-placed-capture-redemptions" },
}
