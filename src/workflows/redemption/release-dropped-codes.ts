import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { LOYALTY_MODULE } from "../../modules/loyalty"
import type LoyaltyModuleService from "../../modules/loyalty/service"
import { releaseRedemptionWorkflow } from "./workflows/release-redemption"

/**
 * Releases the reservations of a cart whose code the cart no longer carries: taken off through
 * Medusa's promotion routes, or dropped by Medusa's promotion computation after a cart change
 * (an item removed, a region changed). Only reservations that are live (reserved: their code was applied) count; a pending one
 * is an apply under way. A completed cart's are the order's. Returns the released ids.
 */
export async function releaseDroppedLoyaltyCodes(container: MedusaContainer, cartId: string): Promise<string[]> {
  const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
  const reserved = await loyalty.listLoyaltyRedemptions({ cart_id: cartId, status: "reserved" }, { select: ["id"], take: 1 })
  if (!reserved.length) return []
  // Under the cart's lock (Medusa's cart workflows take the same key): a cart change in progress
  // replaces the cart's promotion links in two writes, and must not be read halfway.
  return await container.resolve(Modules.LOCKING).execute(cartId, () => releaseDropped(container, cartId), { timeout: 10 })
}

async function releaseDropped(container: MedusaContainer, cartId: string): Promise<string[]> {
  const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
  const reserved = await loyalty.listLoyaltyRedemptions({ cart_id: cartId, status: "reserved" }, { select: ["id", "promotion_code"] })
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [cart] } = await query.graph({ entity: "cart", fields: ["id", "completed_at", "promotions.code"], filters: { id: cartId } })
  if (!cart || cart.completed_at) return []
  const codes = new Set((cart.promotions ?? []).map((p: any) => p?.code).filter(Boolean))
  const released: string[] = []
  for (const r of reserved.filter((r) => r.promotion_code && !codes.has(r.promotion_code))) {
    await releaseRedemptionWorkflow(container).run({
      input: { redemption_id: r.id, reason: "The cart no longer carries the reward's code", leave_code: true },
    })
    released.push(r.id)
  }
  return released
}
