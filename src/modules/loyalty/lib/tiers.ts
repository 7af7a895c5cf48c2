import BigNumberJS from "bignumber.js"
import { addMonths, calendarDateIn, startOfDayIn } from "./expiry-dates"
import { type EarningBasis, type OrderForPoints, orderPointsTarget } from "./order-points"

export type TierBasis = "points_earned" | "money_spent"
export type TierPeriod = "rolling_12_months" | "calendar_year"

/** What the rules need of a tier: tiers rank by threshold (unique per program). */
export type TierRank = { id: string; threshold: number }

/** Where a member stands against the program's tiers, as an evaluation decides it. */
export type TierDecision =
  | { action: "none" }
  /** An upgrade (at once), a downgrade (after the grace period), or a move off a removed tier. */
  | { action: "move"; to: TierRank | null; direction: "up" | "down" }
  /** First found below the tier's threshold: the grace period starts now. */
  | { action: "start_grace" }
  /** Back at the tier's threshold during the grace period: it ends. */
  | { action: "end_grace" }

const DAY_MS = 86_400_000

/**
 * The window whose earnings (or spending) count at `now`: the 12 months before `now` (the same
 * day of the month a year earlier, or the last day of a shorter month), or the calendar year of
 * `now` in the program's time zone (from 1 January 00:00 there). `start` is included.
 */
export function tierWindow(period: TierPeriod, now: Date, timeZone = "UTC"): { start: Date; end: Date } {
  const start = period === "calendar_year" ? startOfZonedYear(now, timeZone) : addMonths(now, -12)
  return { start, end: now }
}

/** 1 January 00:00 of `now`'s year as the calendar reads in `timeZone` (UTC for an unknown zone). */
export function startOfZonedYear(now: Date, timeZone: string): Date {
  return startOfDayIn({ year: calendarDateIn(now, timeZone).year, month: 1, day: 1 }, timeZone)
}

/** The highest tier whose threshold the value reaches, or null (below every tier). */
export function reachedTier<T extends TierRank>(tiers: T[], value: number): T | null {
  let reached: T | null = null
  for (const t of tiers) {
    if (t.threshold <= value && (!reached || t.threshold > reached.threshold)) reached = t
  }
  return reached
}

/**
 * The rule every evaluation applies (after an earning, after a clawback, in the daily job):
 * - a value that reaches a higher tier moves the member up at once;
 * - a value below the member's tier starts the grace period (`below_since`) the first time, and
 *   once `grace_days` have passed since, moves the member down to the tier the value reaches
 *   (so a clawback never downgrades at once, unless the program's grace is 0 days);
 * - a value back at the tier's threshold ends the grace period;
 * - a member whose tier was removed moves at once to the tier the value reaches.
 */
export function decideTier(input: {
  tiers: TierRank[]
  /** The member's tier: null when below every tier; `removed` when it is no longer one of `tiers`. */
  current: (TierRank & { removed?: boolean }) | null
  value: number
  below_since: Date | null
  now: Date
  grace_days: number
}): TierDecision {
  const reached = reachedTier(input.tiers, input.value)
  const { current } = input
  if (current?.removed) {
    return { action: "move", to: reached, direction: reached && reached.threshold > current.threshold ? "up" : "down" }
  }
  const held = current?.threshold ?? -1
  const reaches = reached?.threshold ?? -1
  if (reaches > held) return { action: "move", to: reached, direction: "up" }
  if (reaches === held) return input.below_since ? { action: "end_grace" } : { action: "none" }
  const since = input.below_since ?? input.now
  if (input.now.getTime() - since.getTime() >= input.grace_days * DAY_MS) return { action: "move", to: reached, direction: "down" }
  return input.below_since ? { action: "none" } : { action: "start_grace" }
}

/** When a grace period that started at `belowSince` ends (the member moves down then, if still below). */
export function graceEndsAt(belowSince: Date | null, graceDays: number): Date | null {
  return belowSince ? new Date(belowSince.getTime() + graceDays * DAY_MS) : null
}

/** The next tier above the member's (by threshold) and what is missing to reach it. */
export function nextTier<T extends TierRank>(tiers: T[], currentId: string | null, value: number) {
  const held = tiers.find((t) => t.id === currentId)?.threshold ?? -1
  const next = tiers.filter((t) => t.threshold > held).sort((a, b) => a.threshold - b.threshold)[0] ?? null
  return { next, to_next: next ? Math.max(0, next.threshold - value) : null }
}

/**
 * The currency money spent is counted in: the program's tier currency, else the first currency
 * of its earn rates. Lower case, like Medusa's currency codes.
 */
export function tierCurrency(program: { tier_currency_code?: string | null; earn_rates?: Record<string, unknown> | null }): string | null {
  const code = program.tier_currency_code || Object.keys(program.earn_rates ?? {})[0]
  return code ? code.toLowerCase() : null
}

/** An order that earned points, with the basis it earned on and how it stands now. */
export type SpendingOrder = { basis: EarningBasis; order: OrderForPoints | null; canceled: boolean; placed_at: Date }

/**
 * Money spent over a window: for each order placed in it in the tier currency, the counted amount
 * the shopper kept (what its points follow, see orderPointsTarget: items after discounts, plus
 * shipping and taxes as the program counted them when the order earned, less returns, refunds
 * and cancellation), summed and floored to whole major units.
 */
export function moneySpent(orders: SpendingOrder[], currency: string | null, since: Date): number {
  let total = new BigNumberJS(0)
  for (const o of orders) {
    if (!currency || o.basis.currency_code !== currency || o.placed_at.getTime() < since.getTime()) continue
    total = total.plus(orderPointsTarget(o.basis, o.order, o.canceled).kept)
  }
  return total.integerValue(BigNumberJS.ROUND_FLOOR).toNumber()
}
