import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LOYALTY_MODULE, type RewardDTO } from "../../../../modules/loyalty"
import type LoyaltyModuleService from "../../../../modules/loyalty/service"
import { localizedText, supportedLocale } from "../../../loyalty-views"

/**
 * The rewards a shopper can redeem now (active, within their window), cheapest first, each
 * marked `affordable` with the points still missing and the uses left for this shopper.
 * Names are in the request's locale (`?locale=` or `x-medusa-locale`), else the shopper's,
 * else the program's; Luxembourgish falls back to German, every language to English.
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const loyalty: LoyaltyModuleService = req.scope.resolve(LOYALTY_MODULE)
  const program = await loyalty.getOrCreateDefaultProgram()
  const [account] = await loyalty.listLoyaltyAccounts({ program_id: program.id, customer_id: req.auth_context.actor_id }, { take: 1 })
  const locale = supportedLocale((req as { locale?: string }).locale) ?? account?.locale ?? program.default_locale
  const now = new Date()
  const rewards = ((await loyalty.listLoyaltyRewards(
    { program_id: program.id, is_active: true },
    { order: { points_cost: "ASC" } }
  )) as unknown as RewardDTO[]).filter((r) => (!r.starts_at || new Date(r.starts_at) <= now) && (!r.ends_at || new Date(r.ends_at) > now))

  const used = new Map<string, number>()
  if (account) {
    const mine = await loyalty.listLoyaltyRedemptions({ account_id: account.id, status: ["pending", "reserved", "redeemed"] }, { select: ["reward_id"] })
    for (const r of mine) if (r.reward_id) used.set(r.reward_id, (used.get(r.reward_id) ?? 0) + 1)
  }
  const balance = account?.balance ?? 0
  res.json({
    balance,
    enrolled: !!account,
    locale,
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
      }
    }),
    points_as_money: program.points_as_money ?? null,
  })
}
