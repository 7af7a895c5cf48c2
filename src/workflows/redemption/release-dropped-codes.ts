import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { LOYALTY_MODULE } from "../../modules/loyalty"
import type LoyaltyModuleService from "../../modules/loyalty/service"
import { releaseRedemptionWorkflow } from "./workflows/release-redemption"

/**
 * Releases the reservations of a cart whose code the cart no longer carries: a cart change
 * (an item removed, a region changed) after which Medusa's promotion computation dropped the
 * code. Only reservations that are live (reserved: their code was applied) count; a pending one
 * is an apply under way. A completed cart's are the order's. Returns the released ids.
 */
export async function releaseDroppedLoyaltyCodes(container: MedusaContainer, cartId: string): Promise<string[]> {
  const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
  const reserved = await loyalty.listLoyaltyRedemptions({ cart_id: cartId, status: "reserved" }, { select: ["id", "promotion_code"] })
  if (!reserved.length) return []
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
