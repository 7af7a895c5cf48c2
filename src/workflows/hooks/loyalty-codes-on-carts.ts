import { Modules, PromotionActions } from "@medusajs/framework/utils"
import { updateCartPromotionsWorkflow } from "@medusajs/medusa/core-flows"
import { LOYALTY_MODULE, LoyaltyEvents } from "../../modules/loyalty"
import { LOYALTY_CODE_PREFIX } from "../../modules/loyalty/lib/promotion-code"
import { refusal } from "../../modules/loyalty/lib/refusal"
import type LoyaltyModuleService from "../../modules/loyalty/service"
import { BY_REWARDFLOW } from "../redemption/steps/remove-promotion-code"

const OPEN = ["pending", "reserved"]

type FoundRedemption = { status: string; cart_id: string | null; promotion_code: string | null }

/**
 * Why loyalty codes may not be added to a cart through Medusa's promotion route: one that is not
 * an open reward of this cart (released, spent, another cart's, made up). Null when all may.
 */
export function loyaltyCodeRefusal(cartId: string, adding: string[], found: FoundRedemption[]) {
  for (const code of adding) {
    const r = found.find((f) => f.promotion_code === code.toUpperCase())
    if (r && r.cart_id === cartId && OPEN.includes(r.status)) continue
    const why = !r
      ? "is not a reward of this store"
      : r.cart_id !== cartId
        ? "belongs to another cart"
        : r.status === "released"
          ? "was removed and its points given back"
          : "was already spent on an order"
    return refusal("loyalty_code_not_applicable", `Loyalty code ${code} ${why}: rewards are applied with POST /store/carts/${cartId}/loyalty/redemptions`, { code })
  }
  return null
}
export const isLoyaltyCode = (code: unknown): code is string => typeof code === "string" && code.toUpperCase().startsWith(LOYALTY_CODE_PREFIX)

type HookInput = { promo_codes?: string[]; action?: string; rewardflow_redemption?: boolean }
type HookCart = { id: string; promotions?: ({ code?: string | null } | null)[] | null }

/**
 * A loyalty code through Medusa's own cart-promotion route (`POST`/`DELETE
 * /store/carts/:id/promotions`, which every storefront's promo-code box calls), `POST
 * /store/carts/:id` with `promo_codes`, or any workflow that replaces a cart's codes:
 * - adding one that is not an open reward of this cart (released, spent, another cart's, made
 *   up) is refused with `loyalty_code_not_applicable`: a loyalty code is applied through
 *   `POST /store/carts/:id/loyalty/redemptions`;
 * - taking one off emits `loyalty.cart_codes_removed` in the workflow's event group, so it is
 *   delivered only once the change succeeded; its subscriber releases the reservations whose
 *   code the cart no longer carries (the promotion deactivated, the points given back). Nothing is
 *   released by a change that fails.
 * RewardFlow's own calls (BY_REWARDFLOW) are left to the workflow that makes them. A change that
 * touches no loyalty code costs nothing here.
 */
updateCartPromotionsWorkflow.hooks.validate(async ({ input, cart }, context) => {
  const { container } = context
  const given = input as HookInput
  if (given.rewardflow_redemption === BY_REWARDFLOW.rewardflow_redemption) return
  const codes = (given.promo_codes ?? []).map((c) => String(c))
  const onCart = ((cart as unknown as HookCart)?.promotions ?? []).map((p) => p?.code).filter(isLoyaltyCode)
  const action = given.action ?? PromotionActions.ADD
  const upper = (c: string) => c.toUpperCase()
  const adding = action === PromotionActions.REMOVE ? [] : codes.filter((c) => isLoyaltyCode(c) && !onCart.map(upper).includes(upper(c)))
  const dropping =
    action === PromotionActions.REMOVE
      ? onCart.filter((c) => codes.map(upper).includes(upper(c)))
      : action === PromotionActions.REPLACE
        ? onCart.filter((c) => !codes.map(upper).includes(upper(c)))
        : []
  const cartId = (cart as unknown as HookCart).id
  if (adding.length) {
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    const found = await loyalty.listLoyaltyRedemptions(
      { promotion_code: adding.map(upper) },
      { select: ["id", "status", "cart_id", "promotion_code"] }
    )
    const problem = loyaltyCodeRefusal(cartId, adding, found)
    if (problem) throw problem
  }
  if (dropping.length) {
    const eventGroupId = (context as { eventGroupId?: string }).eventGroupId
    await container.resolve(Modules.EVENT_BUS).emit({
      name: LoyaltyEvents.CART_CODES_REMOVED,
      data: { id: cartId, codes: dropping },
      metadata: eventGroupId ? { eventGroupId } : undefined,
    })
  }
})
