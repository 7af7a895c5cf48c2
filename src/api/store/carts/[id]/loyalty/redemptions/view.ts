import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { refetchCart } from "@medusajs/medusa/api/store/carts/helpers"
import { defaultStoreCartFields } from "@medusajs/medusa/api/store/carts/query-config"
import { LOYALTY_MODULE } from "../../../../../../modules/loyalty"
import { refusal } from "../../../../../../modules/loyalty/lib/refusal"
import type LoyaltyModuleService from "../../../../../../modules/loyalty/service"

const REDEMPTION_FIELDS = [
  "id", "kind", "status", "points", "currency_code", "discount_amount", "cart_id", "promotion_code",
  "order_id", "reward_id", "released_reason", "created_at", "redeemed_at", "released_at", "refunded_at",
] as const

/**
 * The shopper's cart, exactly as Medusa's `GET /store/carts/:id` answers it (the fields its
 * query config resolves, `?fields=` included), with the shopper's redemptions on it and their balance; 404 for another shopper's cart.
 */
export async function cartRedemptionsView(scope: MedusaContainer, cartId: string, customerId: string, fields: string[] = defaultStoreCartFields) {
  const loyalty: LoyaltyModuleService = scope.resolve(LOYALTY_MODULE)
  const [cart, program] = await Promise.all([
    refetchCart(cartId, scope, [...new Set([...fields, "customer_id"])]).catch((e) => {
      if ((e as { type?: string })?.type === MedusaError.Types.NOT_FOUND) return null
      throw e
    }),
    loyalty.getOrCreateDefaultProgram(),
  ])
  if (!cart || (cart.customer_id ?? cart.customer?.id) !== customerId) {
    throw refusal("cart_not_found", `Cart ${cartId} was not found`, { cart_id: cartId })
  }
  const [account] = await loyalty.listLoyaltyAccounts({ program_id: program.id, customer_id: customerId }, { take: 1 })
  const redemptions = account
    ? await loyalty.listLoyaltyRedemptions({ cart_id: cartId, account_id: account.id }, { select: [...REDEMPTION_FIELDS], order: { created_at: "ASC" } })
    : []
  return {
    cart,
    redemptions: redemptions.map((r) => ({ ...r, discount_amount: r.discount_amount == null ? null : Number(r.discount_amount) })),
    balance: account?.balance ?? 0,
  }
}
