import type { MedusaContainer } from "@medusajs/framework/types"
import { LOYALTY_MODULE } from "../modules/loyalty"
import { multiplierOf } from "../modules/loyalty/lib/earn-points"
import { localizedText, supportedLocale } from "../modules/loyalty/lib/localized-text"
import { graceEndsAt, nextTier } from "../modules/loyalty/lib/tiers"
import type LoyaltyModuleService from "../modules/loyalty/service"
import { measureTierValue } from "../workflows/loyalty-tiers/measure"

type Row = Record<string, any>
type Text = Record<string, string> | string

/**
 * Where a member stands: the program's tiers, the member's, the next one up, and the progress
 * (what the tier counts now over the program's period, what is missing to the next tier, the
 * grace period if the member is below their tier's threshold). Reads only.
 */
async function tierStanding(scope: MedusaContainer, account: Row, program: Row, now = new Date()) {
  const loyalty: LoyaltyModuleService = scope.resolve(LOYALTY_MODULE)
  const [tiers, value] = await Promise.all([
    loyalty.listLoyaltyTiers({ program_id: program.id }, { order: { threshold: "ASC" } }) as Promise<Row[]>,
    measureTierValue(scope, account.id, program, now),
  ])
  const current = tiers.find((t) => t.id === account.tier_id) ?? null
  const { next, to_next } = nextTier(tiers as { id: string; threshold: number }[], current?.id ?? null, value)
  const belowSince = account.tier_below_since ? new Date(account.tier_below_since) : null
  return {
    tiers,
    current,
    next: next as Row | null,
    progress: {
      basis: program.tier_basis as string,
      period: program.tier_period as string,
      value,
      to_next,
      below_since: belowSince,
      grace_ends_at: graceEndsAt(belowSince, program.tier_grace_days),
    },
  }
}

const tierOf = (t: Row, text: (v: Text) => unknown) => ({
  id: t.id as string,
  name: text(t.name),
  perks: t.perks ? text(t.perks) : null,
  multiplier: multiplierOf(t.multiplier).toNumber(),
  color: (t.color as string | null) ?? null,
  threshold: t.threshold as number,
})

/**
 * `GET /store/loyalty/me`: the member's `tier` (name and perks in the request's locale, else the
 * member's, else the program's) and `tier_progress`.
 */
export async function shopperTier(scope: MedusaContainer, account: Row, program: Row, requestLocale?: string | null) {
  const locale = supportedLocale(requestLocale) ?? account.locale ?? program.default_locale
  const text = (v: Text) => localizedText(v, locale)
  const { current, next, progress } = await tierStanding(scope, account, program)
  return {
    tier: current ? tierOf(current, text) : null,
    tier_progress: { ...progress, next_tier: next ? { id: next.id, name: text(next.name), threshold: next.threshold } : null },
  }
}

/**
 * `GET /admin/loyalty/accounts/:id`: the member's `tier` (names per locale), `tier_progress` and
 * `tier_changes` (the newest 50 moves, each with the tiers it went from and to).
 */
export async function adminTier(scope: MedusaContainer, account: Row) {
  const loyalty: LoyaltyModuleService = scope.resolve(LOYALTY_MODULE)
  const program = await loyalty.retrieveLoyaltyProgram(account.program_id)
  const [{ current, next, progress }, changes] = await Promise.all([
    tierStanding(scope, account, program),
    loyalty.listLoyaltyTierChanges({ account_id: account.id }, { order: { created_at: "DESC", id: "DESC" }, take: 50 }),
  ])
  const ids = [...new Set(changes.flatMap((c) => [c.from_tier_id, c.to_tier_id]).filter((id): id is string => !!id))]
  // Tiers removed since still name the moves they were part of.
  const named = ids.length ? await loyalty.listLoyaltyTiers({ id: ids }, { withDeleted: true, select: ["id", "name"] }) : []
  const ref = (id: string | null) => (id ? { id, name: named.find((t) => t.id === id)?.name ?? null } : null)
  const raw = (v: Text) => v
  return {
    tier: current ? tierOf(current, raw) : null,
    tier_progress: { ...progress, next_tier: next ? { id: next.id, name: next.name, threshold: next.threshold } : null },
    tier_changes: changes.map((c) => ({
      id: c.id,
      direction: c.direction,
      from_tier: ref(c.from_tier_id),
      to_tier: ref(c.to_tier_id),
      qualifying_value: c.qualifying_value,
      reason: c.reason,
      created_at: c.created_at,
    })),
  }
}
