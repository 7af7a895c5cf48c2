import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { releaseDroppedLoyaltyCodes } from "../workflows/redemption/release-dropped-codes"

/**
 * After a cart change (items added, changed or removed, a region or shipping method changed),
 * a reservation whose code Medusa dropped from the cart is released: no points stay reserved
 * for a discount the cart no longer has. A cart without live reservations costs one indexed query.
 */
export default async function cartReleaseDroppedCodes({ event, container }: SubscriberArgs<{ id?: string }>) {
  if (!event.data?.id) return
  await releaseDroppedLoyaltyCodes(container, event.data.id)
}

export const config: SubscriberConfig = {
  event: "cart.updated",
  context: { subscriberId: "rewardflow-cart-release-dropped-codes" },
}
