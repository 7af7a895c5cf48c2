import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { MedusaError, generateEntityId } from "@medusajs/framework/utils"
import { decideTier, type TierBasis, type TierDecision, type TierPeriod, type TierRank, tierWindow } from "../tiers"
import { LedgerKernel } from "./kernel"
import { TABLES } from "./tables"

/** A move between tiers, as `loyalty_tier_change` keeps it. */
export type TierChangeDTO = {
  id: string
  account_id: string
  from_tier_id: string | null
  to_tier_id: string | null
  direction: "up" | "down"
  qualifying_value: number
  reason: string | null
  created_at: Date
}

/** The account's tier fields, before or after an evaluation. */
export type TierFields = { tier_id: string | null; tier_reached_at: Date | null; tier_below_since: Date | null }

export type TierEvaluation = {
  account_id: string
  customer_id: string
  program_id: string
  basis: TierBasis
  /** What was counted: points earned, or money spent (whole major units), over the period. */
  value: number
  decision: TierDecision["action"]
  /** The move written (null: none); at most one per evaluation. */
  change: TierChangeDTO | null
  before: TierFields
  after: TierFields
}

export type EvaluateTierInput = {
  now: Date
  /** money_spent programs: the money the member spent over the period (the caller measures it on the orders). */
  money_spent?: number | null
  /** Why it ran (kept on a change): "points earned", "daily evaluation", ... */
  reason?: string | null
}

type ProgramTierSettings = {
  id: string
  tier_basis: TierBasis
  tier_period: TierPeriod
  tier_grace_days: number
  time_zone: string
}

const PROGRAM_TIER_FIELDS = ["id", "tier_basis", "tier_period", "tier_grace_days", "time_zone"]
const sameTime = (a: Date | null, b: Date | null) => (a ? new Date(a).getTime() : null) === (b ? new Date(b).getTime() : null)

/**
 * Members' tiers, under the account lock: an evaluation reads the account's tier fields with the
 * row locked, so two evaluations at once decide one after the other and a move is written once.
 * The program's tiers are read FOR SHARE: a tier cannot be deleted while a member is moved into it.
 */
export class TierStore {
  private readonly kernel: LedgerKernel

  constructor(private readonly knex: Knex.Transaction) {
    this.kernel = LedgerKernel.for(knex)
  }

  async evaluate(accountId: string, input: EvaluateTierInput): Promise<TierEvaluation> {
    return await this.kernel.withAccount(accountId, async () => {
      const account = await this.knex(TABLES.account)
        .where({ id: accountId })
        .first("id", "customer_id", "program_id", "tier_id", "tier_reached_at", "tier_below_since")
      const program: ProgramTierSettings = await this.knex(TABLES.program).where({ id: account.program_id }).first(...PROGRAM_TIER_FIELDS)
      const tiers: TierRank[] = await this.knex(TABLES.tier)
        .where({ program_id: program.id })
        .whereNull("deleted_at")
        .orderBy("threshold", "asc")
        .forShare()
        .select("id", "threshold")
      const before: TierFields = { tier_id: account.tier_id, tier_reached_at: account.tier_reached_at, tier_below_since: account.tier_below_since }
      const base = { account_id: account.id, customer_id: account.customer_id, program_id: program.id, basis: program.tier_basis, before }
      if (!tiers.length && !account.tier_id) {
        // No tiers and none held: nothing to count.
        return { ...base, value: 0, decision: "none" as const, change: null, after: before }
      }
      const value = await this.value(account.id, program, input)
      const current = await this.currentTier(account.tier_id, tiers)
      const decision = decideTier({
        tiers,
        current,
        value,
        below_since: account.tier_below_since ? new Date(account.tier_below_since) : null,
        now: input.now,
        grace_days: program.tier_grace_days,
      })
      let after = before
      let change: TierChangeDTO | null = null
      if (decision.action === "move") {
        after = { tier_id: decision.to?.id ?? null, tier_reached_at: input.now, tier_below_since: null }
        const [row] = await this.knex(TABLES.tierChange)
          .insert({
            id: generateEntityId(undefined, "ltchg"),
            account_id: account.id,
            from_tier_id: account.tier_id,
            to_tier_id: after.tier_id,
            direction: decision.direction,
            qualifying_value: value,
            reason: current?.removed ? "the tier was removed" : input.reason ?? null,
            // The evaluation's clock, like tier_reached_at: the history reads in the program's time.
            created_at: input.now,
            updated_at: input.now,
          })
          .returning(["id", "account_id", "from_tier_id", "to_tier_id", "direction", "qualifying_value", "reason", "created_at"])
        change = row
      } else if (decision.action === "start_grace") {
        after = { ...before, tier_below_since: input.now }
      } else if (decision.action === "end_grace") {
        after = { ...before, tier_below_since: null }
      }
      if (after !== before) await this.writeFields(account.id, after)
      return { ...base, value, decision: decision.action, change, after }
    })
  }

  /**
   * Puts an account's tier fields back as they were before an evaluation, and removes the move
   * it wrote, unless another evaluation changed them since (then that one stands).
   */
  async revert(input: { account_id: string; change_id: string | null; before: TierFields; after: TierFields }): Promise<boolean> {
    return await this.kernel.withAccount(input.account_id, async () => {
      const now: TierFields = await this.knex(TABLES.account)
        .where({ id: input.account_id })
        .first("tier_id", "tier_reached_at", "tier_below_since")
      const untouched =
        now.tier_id === input.after.tier_id &&
        sameTime(now.tier_reached_at, input.after.tier_reached_at) &&
        sameTime(now.tier_below_since, input.after.tier_below_since)
      if (!untouched) return false
      await this.writeFields(input.account_id, input.before)
      if (input.change_id) await this.knex(TABLES.tierChange).where({ id: input.change_id }).delete()
      return true
    })
  }

  private async writeFields(accountId: string, fields: TierFields) {
    await this.knex(TABLES.account).where({ id: accountId }).update({ ...fields, updated_at: new Date() })
  }

  /** The member's tier with its threshold; `removed` when it is not one of the program's tiers any more. */
  private async currentTier(tierId: string | null, tiers: TierRank[]): Promise<(TierRank & { removed?: boolean }) | null> {
    if (!tierId) return null
    const live = tiers.find((t) => t.id === tierId)
    if (live) return live
    const gone = await this.knex(TABLES.tier).where({ id: tierId }).first("id", "threshold")
    return { id: tierId, threshold: gone?.threshold ?? Number.MAX_SAFE_INTEGER, removed: true }
  }

  private async value(accountId: string, program: ProgramTierSettings, input: EvaluateTierInput) {
    if (program.tier_basis === "money_spent") {
      if (input.money_spent == null || !Number.isFinite(input.money_spent)) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `money_spent is required to evaluate the tier of account ${accountId}: program ${program.id} counts money spent`
        )
      }
      return Math.max(0, Math.floor(input.money_spent))
    }
    const { start } = tierWindow(program.tier_period, input.now, program.time_zone)
    return await pointsEarnedSince(this.knex, accountId, start)
  }
}

/**
 * Points an account earned from `since` on: the sum of its entries' `earned_change` (order points
 * and bonuses as they become spendable, less clawbacks of them), never below 0. Spending, expiry
 * and manual adjustments do not count.
 */
export async function pointsEarnedSince(knex: Knex, accountId: string, since: Date): Promise<number> {
  const [row] = await knex(TABLES.entry)
    .where({ account_id: accountId })
    .where("created_at", ">=", since)
    .whereNot("earned_change", 0)
    .select(knex.raw("coalesce(sum(earned_change), 0)::int as total"))
  return Math.max(0, row?.total ?? 0)
}

/** The orders an account earned on from `since` on, with the earning basis of each (its first award's). */
export async function orderBasesSince(knex: Knex, accountId: string, since: Date): Promise<{ order_id: string; basis: Record<string, any> }[]> {
  const rows = await knex(TABLES.entry)
    .distinctOn("source_id")
    .where({ account_id: accountId, type: "earn", source_type: "order" })
    .where("created_at", ">=", since)
    .whereRaw("metadata->'earning_basis' is not null")
    .orderBy([{ column: "source_id" }, { column: "created_at" }, { column: "id" }])
    .select("source_id", knex.raw("metadata->'earning_basis' as basis"))
  return rows.map((r: { source_id: string; basis: Record<string, any> }) => ({ order_id: r.source_id, basis: r.basis }))
}

/**
 * Accounts the daily evaluation must look at, in id order after `after`: those holding a tier or
 * in a grace period, and (points_earned programs) those whose points over the period reach the
 * lowest tier. Money_spent members move up on their orders' events.
 */
export async function tierCandidates(
  knex: Knex,
  input: { program_id: string; basis: TierBasis; since: Date; lowest: number | null; after: string; limit: number }
): Promise<string[]> {
  const rows = await knex(`${TABLES.account} as a`)
    .where("a.program_id", input.program_id)
    .whereNull("a.deleted_at")
    .where("a.id", ">", input.after)
    .where((q) => {
      q.whereNotNull("a.tier_id").orWhereNotNull("a.tier_below_since")
      if (input.basis === "points_earned" && input.lowest !== null) {
        q.orWhereRaw(
          `(select coalesce(sum(e.earned_change), 0) from ${TABLES.entry} e where e.account_id = a.id and e.created_at >= ? and e.earned_change <> 0) >= ?`,
          [input.since, input.lowest]
        )
      }
    })
    .orderBy("a.id", "asc")
    .limit(input.limit)
    .select("a.id")
  return rows.map((r: { id: string }) => r.id)
}
