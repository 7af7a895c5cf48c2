import type { MedusaContainer } from "@medusajs/framework/types"
import { LOYALTY_MODULE } from "../../../../../modules/loyalty"
import type LoyaltyModuleService from "../../../../../modules/loyalty/service"

/**
 * Points held by the account's open redemptions (`pending` or `reserved` on a cart): already
 * taken from the balance, given back if the cart is abandoned, spent when its order is placed.
 */
export async function reservedPoints(scope: MedusaContainer, accountId: string): Promise<number> {
  const loyalty: LoyaltyModuleService = scope.resolve(LOYALTY_MODULE)
  const open = await loyalty.listLoyaltyRedemptions({ account_id: accountId, status: ["pending", "reserved"] }, { select: ["points"] })
  return open.reduce((sum, r) => sum + Number(r.points), 0)
}
