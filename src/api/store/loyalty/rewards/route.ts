import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LOYALTY_MODULE, type PointsAsMoney, type RewardDTO } from "../../../../modules/loyalty"
import type LoyaltyModuleService from "../../../../modules/loyalty/service"
import { loadRedemptionCart } from "../../../../workflows/redemption/steps/load-redemption-cart"
import { localizedText, supportedLocale } from "../../../loyalty-views"
import { storeRoute } from "../../refusal-response"
import { pointsOnCart, rewardOnCart } from "./cart-fit"
import type { StoreListRewardsType } from "./validators"

const OPEN = ["pending", "reserved"]

/**
 * The rewards a shopper can redeem now (active, within their window), cheapest first, each
 * marked `affordable` with the points still missing and the uses left for this shopper.
 * With `?cart_id=`, each reward also says whether it can be applied to that cart now
 * (`on_cart`: applicable, or the refusal's reason, message and figures), and points as money
 * the most points the cart accepts and what they are worth.
 * Names are in the request's locale (`?locale=` or `x-medusa-locale`), else the shopper's,
 * else the program's; Luxembourgish falls back to German, every language to English.
 */
export const GET = storeRoute(async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { cart_id: cartId } = (req.validatedQuery ?? {}) as StoreListRewardsType
  const customerId = req.auth_context.actor_id
  const loyalty: LoyaltyModuleService = req.scope.resolve(LOYALTY_MODULE)
  const program = await loyalty.getOrCreateDefaultProgram()
  const [[account], onCart] = await Promise.all([
    loyalty.listLoyaltyAccounts({ program_id: program.id, customer_id: customerId }, { take: 1 }),
    cartId ? loadRedemptionCart(req.scope, { cart_id: cartId, customer_id: customerId }) : null,
  ])
  const locale = supportedLocale((req as { locale?: string }).locale) ?? account?.locale ?? program.default_locale
  const now = new Date()
  const rewards = ((await loyalty.listLoyaltyRewards(
    { program_id: program.id, is_active: true },
    { order: { points_cost: "ASC" } }
  )) as unknown as RewardDTO[]).filter((r) => (!r.starts_at || new Date(r.starts_at) <= now) && (!r.ends_at || new Date(r.ends_at) > now))

  let used = new Map<string, number>()
  let openOnCart: { id: string; kind: "reward" | "points"; reward_id: string | null }[] = []
  if (account) {
    // Uses online and in store, as the limit counts them when the shopper redeems.
    const [uses, open] = await Promise.all([
      loyalty.countRewardUses(account.id),
      cartId
        ? loyalty.listLoyaltyRedemptions({ account_id: account.id, cart_id: cartId, status: [...OPEN] }, { select: ["id", "kind", "status", "reward_id", "cart_id"] })
        : [],
    ])
    used = uses
    openOnCart = open as any[]
  }
  const balance = account?.balance ?? 0
  const shopper = account ? { id: account.id, balance: account.balance, status: account.status } : null
  res.json({
    balance,
    enrolled: !!account,
    locale,
    cart_id: cartId ?? null,
    rewards: rewards.map((r) => {
      const usesLeft = r.per_customer_limit ? Math.max(0, r.per_customer_limit - (used.get(r.id) ?? 0)) : null
      return {
        id: r.id,
        name: localizedText(r.name, locale),
        description: r.description ? localizedText(r.description, locale) : null,
        type: r.type,
        points_cost: r.points_cost,
        amounts: r.amounts,
        percentage: r.percentage,
        max_discount: r.max_discount,
        variant_id: r.variant_id,
        min_subtotal: r.min_subtotal,
        ends_at: r.ends_at,
        uses_left: usesLeft,
        affordable: !!account && balance >= r.points_cost && usesLeft !== 0,
        points_missing: Math.max(0, r.points_cost - balance),
        on_cart: onCart ? rewardOnCart(r, shopper, onCart.cart, openOnCart, used.get(r.id) ?? 0) : null,
      }
    }),
    points_as_money: program.points_as_money
      ? { ...program.points_as_money, on_cart: onCart ? pointsOnCart(program.points_as_money as unknown as PointsAsMoney, shopper, onCart.cart, openOnCart) : null }
      : null,
  })
})
