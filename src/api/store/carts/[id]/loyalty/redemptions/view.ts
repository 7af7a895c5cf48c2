import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { LOYALTY_MODULE } from "../../../../../../modules/loyalty"
import type LoyaltyModuleService from "../../../../../../modules/loyalty/service"

const REDEMPTION_FIELDS = [
  "id", "kind", "status", "points", "currency_code", "discount_amount", "cart_id", "promotion_code",
  "order_id", "reward_id", "released_reason", "created_at", "redeemed_at", "released_at", "refunded_at",
] as const

/** The shopper's redemptions on a cart with the cart's totals; 404 for another shopper's cart. */
export async function cartRedemptionsView(scope: MedusaContainer, cartId: string, customerId: string) {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [cart] } = await query.graph({
    entity: "cart",
    fields: ["id", "customer_id", "currency_code", "item_subtotal", "discount_total", "shipping_total", "total", "promotions.code"],
    filters: { id: cartId },
  })
  if (!cart || cart.customer_id !== customerId) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Cart ${cartId} was not found`)
  }
  const loyalty: LoyaltyModuleService = scope.resolve(LOYALTY_MODULE)
  const program = await loyalty.getOrCreateDefaultProgram()
  const [account] = await loyalty.listLoyaltyAccounts({ program_id: program.id, customer_id: customerId }, { take: 1 })
  const redemptions = account
    ? await loyalty.listLoyaltyRedemptions({ cart_id: cartId, account_id: account.id }, { select: [...REDEMPTION_FIELDS], order: { created_at: "ASC" } })
    : []
  const { customer_id: _c, ...cartView } = cart
  return {
    cart: { ...cartView, promotion_codes: (cart.promotions ?? []).map((p: any) => p?.code).filter(Boolean), promotions: undefined },
    redemptions: redemptions.map((r) => ({ ...r, discount_amount: r.discount_amount == null ? null : Number(r.discount_amount) })),
    balance: account?.balance ?? 0,
  }
}
