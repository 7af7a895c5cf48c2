import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { LoyaltyEvents } from "../modules/loyalty/events"
import { releaseDroppedLoyaltyCodes } from "../workflows/redemption/release-dropped-codes"

/**
 * After a cart change (items added, changed or removed, a region or shipping method changed)
 * or loyalty codes taken off through Medusa's promotion routes, a reservation whose code the
 * cart no longer carries is released: no points stay reserved for a discount the cart no longer
 * has. A cart without live reservations costs one indexed query.
 */
export default async function cartReleaseDroppedCodes({ event, container }: SubscriberArgs<{ id?: string }>) {
  if (!event.data?.id) return
  await releaseDroppedLoyaltyCodes(container, event.data.id)
}

export const config: SubscriberConfig = {
  event: ["cart.updated", LoyaltyEvents.CART_CODES_REMOVED],
  context: { subscriberId: "rewardflow-cart-release-dropped-codes" },
}
