import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { MedusaError, generateEntityId } from "@medusajs/framework/utils"
import { COMPENSATION_KEY_PREFIX, type LedgerChangeResult } from "../../types"
import {
  generateReferralCode,
  normalizeEmail,
  normalizeReferralCode,
  REFERRAL_LIMIT_WINDOW_DAYS,
  referralBonusKey,
  type ReferralDecision,
  type ReferralRefusalReason,
  type ReferralStatus,
} from "../referral"
import { LedgerKernel } from "./kernel"
import { LedgerStore } from "./ledger-store"
import { TABLES } from "./tables"

/** What the enrollment workflow read outside the module for a sign-up with a code. */
export type ReferralSignupFacts = {
  code: string
  /** The new member's e-mail (customer module). */
  referee_email: string | null
  /** The account the code named when the workflow read it, and its customer's e-mail. */
  referrer_account_id: string | null
  referrer_email: string | null
  /** Whether the new member already had an order (as a customer, or as a guest with the same e-mail). */
  had_orders: boolean
}

/** The referral a sign-up with a code made, as the shopper is told. */
export type ReferralSignup = {
  /** Null for an unknown code (nothing recorded: there is no referrer to keep it for). */
  referral_id: string | null
  status: ReferralStatus
  reason: ReferralRefusalReason | null
}

export type ReferralRow = {
  id: string
  program_id: string
  referrer_account_id: string
  referee_customer_id: string
  referee_account_id: string | null
  code: string
  status: ReferralStatus
  refusal_reason: string | null
  order_id: string | null
  rewarded_at: Date | null
  metadata: Record<string, unknown> | null
  created_at: Date
}

export type ReferralBonus = { side: "referrer" | "referee"; account_id: string; customer_id: string; change: LedgerChangeResult }

export type SettleReferralResult = {
  referral: ReferralRow
  /** The row as it was before (what a compensation restores); null when nothing changed. */
  previous: ReferralRow | null
  /** Bonuses written now (a replayed key is not listed). */
  bonuses: ReferralBonus[]
}

const DAY_MS = 86_400_000
const REPLACED = ["status", "refusal_reason", "order_id", "rewarded_at", "metadata"] as const

/** Referrals on the ledger's terms: recorded once per referee, paid once per side, under locks. */
export class ReferralStore {
  private readonly kernel: LedgerKernel
  private readonly ledger: LedgerStore

  constructor(private readonly knex: Knex.Transaction) {
    this.kernel = LedgerKernel.for(knex)
    this.ledger = new LedgerStore(knex)
  }

  /**
   * Records a sign-up with a code, or answers the referral the customer already has (one per
   * referee and program). Refused, with the reason kept: the code is the customer's own or an
   * account with the same e-mail (case, dots and +tags ignored): `self_referral`; the customer
   * was a member before, or had an order: `existing_customer`; the referrer already has
   * `referral_weekly_limit` referrals in the last 7 days: `weekly_limit` (counted under the
   * referrer's account lock, so sign-ups at once cannot pass it together).
   */
  async recordSignup(input: {
    program_id: string
    referee_customer_id: string
    referee_account_id: string
    /** The customer's account existed before this enrollment. */
    account_existed: boolean
    facts: ReferralSignupFacts
    now: Date
  }): Promise<ReferralSignup> {
    const code = normalizeReferralCode(input.facts.code)
    const referrer = code
      ? await this.knex(TABLES.account).where({ program_id: input.program_id, referral_code: code }).whereNull("deleted_at").first("id", "customer_id")
      : null
    if (!referrer) return { referral_id: null, status: "refused", reason: "unknown_code" }
    const earlier = await this.ofReferee(input.program_id, input.referee_customer_id)
    if (earlier) return signupOf(earlier)

    return await this.kernel.withAccount(referrer.id, async () => {
      const program = await this.knex(TABLES.program).where({ id: input.program_id }).first("referral_weekly_limit")
      const referrerEmail = input.facts.referrer_account_id === referrer.id ? input.facts.referrer_email : null
      const sameEmail = !!referrerEmail && normalizeEmail(referrerEmail) === normalizeEmail(input.facts.referee_email)
      let reason: ReferralRefusalReason | null = null
      if (referrer.customer_id === input.referee_customer_id || sameEmail) reason = "self_referral"
      else if (input.account_existed || input.facts.had_orders) reason = "existing_customer"
      else {
        const [{ count }] = await this.knex(TABLES.referral)
          .where({ referrer_account_id: referrer.id })
          .whereNot({ status: "refused" })
          .where("created_at", ">", new Date(input.now.getTime() - REFERRAL_LIMIT_WINDOW_DAYS * DAY_MS))
          .whereNull("deleted_at")
          .count({ count: "*" })
        if (Number(count) >= (program?.referral_weekly_limit ?? 0)) reason = "weekly_limit"
      }
      const [row] = await this.knex(TABLES.referral)
        .insert({
          id: generateEntityId(undefined, "lref"),
          program_id: input.program_id,
          referrer_account_id: referrer.id,
          referee_customer_id: input.referee_customer_id,
          referee_account_id: input.referee_account_id,
          code,
          status: reason ? "refused" : "signed_up",
          refusal_reason: reason,
          created_at: input.now,
          updated_at: input.now,
        })
        // Another enrollment of the same customer recorded one meanwhile: that one stands.
        .onConflict()
        .ignore()
        .returning("*")
      return signupOf(row ?? (await this.ofReferee(input.program_id, input.referee_customer_id))!)
    })
  }

  async ofReferee(programId: string, customerId: string): Promise<ReferralRow | null> {
    return (await this.knex(TABLES.referral).where({ program_id: programId, referee_customer_id: customerId }).whereNull("deleted_at").first()) ?? null
  }

  /**
   * Applies what the referee's orders say (decideReferral) to an open referral, under its row
   * lock: `none` reopens it (its order was canceled or returned), `wait` records the order that
   * counts and when it qualifies, `refuse` closes it with the reason, `reward` pays both sides
   * (each once, by key; a blocked account's side is skipped) and closes it. A referral already
   * rewarded or refused, or a paused program, changes nothing.
   */
  async settle(input: { referral_id: string; decision: ReferralDecision; now: Date }): Promise<SettleReferralResult> {
    const row: ReferralRow | undefined = await this.knex(TABLES.referral).where({ id: input.referral_id }).whereNull("deleted_at").forUpdate().first()
    if (!row) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Referral ${input.referral_id} was not found`)
    const unchanged = { referral: row, previous: null, bonuses: [] }
    if (row.status === "rewarded" || row.status === "refused") return unchanged
    const d = input.decision
    const metadata = { ...(row.metadata ?? {}) }
    switch (d.action) {
      case "none":
        if (row.status === "signed_up" && !row.order_id) return unchanged
        delete metadata.qualifies_at
        return { referral: await this.update(row, { status: "signed_up", order_id: null, metadata }, input.now), previous: row, bonuses: [] }
      case "wait":
        if (row.status === "qualified" && row.order_id === d.order_id && metadata.qualifies_at === d.qualifies_at) return unchanged
        return {
          referral: await this.update(row, { status: "qualified", order_id: d.order_id, metadata: { ...metadata, qualifies_at: d.qualifies_at } }, input.now),
          previous: row,
          bonuses: [],
        }
      case "refuse":
        return { referral: await this.update(row, { status: "refused", refusal_reason: d.reason, order_id: d.order_id, metadata }, input.now), previous: row, bonuses: [] }
      case "reward": {
        const program = await this.knex(TABLES.program)
          .where({ id: row.program_id })
          .first("status", "referral_referrer_points", "referral_referee_points")
        if (program?.status !== "active") return unchanged
        const bonuses: ReferralBonus[] = []
        const skipped: string[] = []
        const sides = [
          { side: "referrer" as const, account_id: row.referrer_account_id, points: program.referral_referrer_points as number },
          { side: "referee" as const, account_id: row.referee_account_id, points: program.referral_referee_points as number },
        ]
          .filter((s): s is typeof s & { account_id: string } => !!s.account_id && s.points > 0)
          // Sorted, so two changes holding both accounts take their locks in the same order.
          .sort((a, b) => a.account_id.localeCompare(b.account_id))
        for (const s of sides) {
          await this.kernel.withAccount(s.account_id, async (account) => {
            if (account.status !== "active") {
              skipped.push(`${s.side}: account ${account.status}`)
              return
            }
            const { replay, key } = await this.kernel.claimKey(referralBonusKey(row.id, s.side), account)
            if (replay) return
            const change = await this.ledger.creditLocked(account, {
              account_id: account.id,
              type: "referral_bonus",
              points: s.points,
              source_type: "referral",
              source_id: row.id,
              idempotency_key: key,
              reason: s.side === "referrer" ? "Referral bonus: a friend you referred placed a first order" : "Referral bonus: your first order as a referred friend",
              metadata: { referral_id: row.id, side: s.side, order_id: d.order_id },
              now: input.now,
              expires_at: await this.ledger.expiry.defaultExpiry(account.program_id, input.now),
            })
            const { customer_id } = await this.knex(TABLES.account).where({ id: account.id }).first("customer_id")
            bonuses.push({ side: s.side, account_id: account.id, customer_id, change })
          })
        }
        const referral = await this.update(
          row,
          { status: "rewarded", order_id: d.order_id, rewarded_at: input.now, metadata: { ...metadata, ...(skipped.length ? { skipped } : {}) } },
          input.now
        )
        return { referral, previous: row, bonuses }
      }
    }
  }

  /** Undoes a settlement a workflow could not finish: its bonuses taken back, the row as it was. */
  async revert(input: { previous: ReferralRow; entry_ids: string[] }): Promise<void> {
    for (const entryId of input.entry_ids) {
      await this.ledger.reverse({
        entry_id: entryId,
        idempotency_key: `${COMPENSATION_KEY_PREFIX}${entryId}`,
        reason: "Workflow compensation",
        metadata: { compensation: true },
      })
    }
    const p = input.previous
    await this.knex(TABLES.referral)
      .where({ id: p.id })
      .update({ ...Object.fromEntries(REPLACED.map((k) => [k, k === "metadata" && p.metadata ? JSON.stringify(p.metadata) : p[k]])), updated_at: new Date() })
  }

  private async update(row: ReferralRow, change: Partial<Pick<ReferralRow, (typeof REPLACED)[number]>>, now: Date): Promise<ReferralRow> {
    const [updated] = await this.knex(TABLES.referral)
      .where({ id: row.id })
      .update({ ...change, ...(change.metadata !== undefined ? { metadata: JSON.stringify(change.metadata) } : {}), updated_at: now })
      .returning("*")
    return updated
  }

  /**
   * The member's code, made now for a member enrolled before codes existed. A collision with
   * another code (1 in about 10^11 per pair) takes another; a code set meanwhile stands.
   */
  async ensureCode(accountId: string): Promise<string> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const row = await this.knex(TABLES.account).where({ id: accountId }).whereNull("deleted_at").first("referral_code")
      if (!row) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Loyalty account ${accountId} was not found`)
      if (row.referral_code) return row.referral_code
      try {
        // A savepoint: a collision must not abort the caller's transaction.
        await this.knex.transaction(async (sp) => {
          await sp(TABLES.account).where({ id: accountId }).whereNull("referral_code").update({ referral_code: generateReferralCode() })
        })
      } catch (e) {
        if (!LedgerKernel.isUniqueViolation(e, "referral_code")) throw e
      }
    }
    throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `No free referral code found for account ${accountId}`)
  }

  /** The referrals a member made, by status. A read. */
  static async countsOf(knex: Knex, accountId: string): Promise<Record<ReferralStatus, number>> {
    const rows = await knex(TABLES.referral)
      .where({ referrer_account_id: accountId })
      .whereNull("deleted_at")
      .groupBy("status")
      .select("status", knex.raw("count(*)::int as count"))
    const counts = { signed_up: 0, qualified: 0, rewarded: 0, refused: 0 }
    for (const r of rows as { status: ReferralStatus; count: number }[]) counts[r.status] = r.count
    return counts
  }

  /** Open referrals (signed up or qualified), by id after `after`, for the referral job. A read. */
  static async open(knex: Knex, after: string | null, limit: number): Promise<string[]> {
    const rows = await knex(TABLES.referral)
      .whereIn("status", ["signed_up", "qualified"])
      .whereNull("deleted_at")
      .modify((q) => {
        if (after) q.where("id", ">", after)
      })
      .orderBy("id")
      .limit(limit)
      .select("id")
    return rows.map((r: { id: string }) => r.id)
  }
}

const signupOf = (row: ReferralRow): ReferralSignup => ({
  referral_id: row.id,
  status: row.status,
  reason: (row.refusal_reason as ReferralRefusalReason | null) ?? null,
})
