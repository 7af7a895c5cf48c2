import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { LedgerChangeResult, LedgerEntryType } from "../../types"
import { calendarDayIn, lotExpiry, type ValidityRule } from "../expiry-dates"
import { type AccountRow, LedgerKernel } from "./kernel"
import { LotBook } from "./lots"
import { TABLES } from "./tables"

// Kept importable from here: the date rules themselves live in lib/expiry-dates.
export { addMonths } from "../expiry-dates"

/**
 * Credits that are activity: with the program's `activity_extends_validity` they move the
 * account's open lots out. Admin adjustments and transfers are not the shopper's activity.
 */
export const EXTENDING_TYPES: LedgerEntryType[] = ["earn", "welcome_bonus", "birthday_bonus", "referral_bonus", "mature"]

type ProgramValidity = ValidityRule & { activity_extends: boolean }

/** Expiry of points: lots past their date leave the balance with an `expire` entry each. */
export class ExpiryStore {
  private readonly kernel: LedgerKernel
  private readonly lots: LotBook
  private readonly validities = new Map<string, Promise<ProgramValidity>>()

  constructor(private readonly knex: Knex.Transaction) {
    this.kernel = LedgerKernel.for(knex)
    this.lots = new LotBook(knex)
  }

  /** The program's validity rules, read once per transaction and program. */
  async validity(programId: string): Promise<ProgramValidity> {
    let read = this.validities.get(programId)
    if (!read) {
      read = this.knex(TABLES.program)
        .where({ id: programId })
        .first("points_validity_months", "validity_end_of_month", "activity_extends_validity", "time_zone")
        .then((p: Record<string, any> | undefined) => ({
          months: p?.points_validity_months ?? null,
          end_of_month: !!p?.validity_end_of_month,
          time_zone: p?.time_zone ?? "UTC",
          activity_extends: !!p?.activity_extends_validity,
        }))
      this.validities.set(programId, read)
    }
    return await read
  }

  /** The expiry of a credit made at `now` under the program's validity (null: never; see lotExpiry). */
  async defaultExpiry(programId: string, now = new Date()): Promise<Date | null> {
    return lotExpiry(now, await this.validity(programId))
  }

  /**
   * Activity extends validity: an earning credit (EXTENDING_TYPES) moves every open lot of the
   * account (points left, not expired at `now`) that expires before the credit's own lot out to
   * its `expires_at`; never earlier, and lots that never expire stay so. Caller
   * holds the account lock, in the credit's transaction. Lots are not entries: the credit
   * records what moved (`extended_lots`, `extended_to`). Null when the program's option is off or
   * nothing moved.
   */
  async extendOpenLots(
    account: AccountRow,
    credit: { type: LedgerEntryType; points: number; expires_at: Date | null },
    now: Date
  ): Promise<{ extended_lots: number; extended_to: string } | null> {
    if (!credit.expires_at || credit.points <= 0 || !EXTENDING_TYPES.includes(credit.type)) return null
    if (!(await this.validity(account.program_id)).activity_extends) return null
    const moved = await this.knex(TABLES.lot)
      .where({ account_id: account.id })
      .where("remaining", ">", 0)
      .where("expires_at", ">", now)
      .where("expires_at", "<", credit.expires_at)
      .whereNull("deleted_at")
      .update({ expires_at: credit.expires_at, updated_at: new Date() })
    return moved ? { extended_lots: Number(moved), extended_to: credit.expires_at.toISOString() } : null
  }

  async expireDueLots(accountId: string, now: Date): Promise<LedgerChangeResult[]> {
    return await this.kernel.withAccount(accountId, (account) => this.expireDue(account, now))
  }

  /**
   * Writes one `expire` entry per lot whose expiry instant has come (`expires_at <= now`: a lot
   * valid to 23:59:59.999 is expired from the next millisecond on). Caller holds the account lock.
   */
  async expireDue(account: AccountRow, now: Date): Promise<LedgerChangeResult[]> {
    const due = await this.knex(TABLES.lot)
      .where({ account_id: account.id })
      .where("remaining", ">", 0)
      .where("expires_at", "<=", now)
      .whereNull("deleted_at")
      .orderBy([{ column: "expires_at" }, { column: "id" }])
    const results: LedgerChangeResult[] = []
    const zone = due.length ? (await this.validity(account.program_id)).time_zone : "UTC"
    for (const lot of due) {
      // A lot can expire more than once: a release gives points back to the lot they came from,
      // which may have expired meanwhile. Numbered under the lock, so each expiry has its own key.
      const [{ count }] = await this.knex(TABLES.entry).where({ source_type: "job", source_id: lot.id, type: "expire" }).count({ count: "*" })
      const allocations = [{ lot_id: lot.id, points: lot.remaining }]
      await this.lots.consume(allocations)
      const entry = await this.kernel.insertEntry(account, {
        type: "expire",
        points: -lot.remaining,
        source_type: "job",
        source_id: lot.id,
        idempotency_key: `expire:${lot.id}:${Number(count) + 1}`,
        // The day as the program's calendar reads it (an end-of-month expiry is that month's last day).
        reason: `Points expired on ${calendarDayIn(new Date(lot.expires_at), zone)}`,
        lot_allocations: allocations,
      })
      results.push(this.kernel.result(entry, true, account))
    }
    return results
  }

  async accountIdsWithDueLots(now: Date, limit: number): Promise<string[]> {
    const rows = await this.knex(TABLES.lot)
      .distinct("account_id")
      .where("remaining", ">", 0)
      .where("expires_at", "<=", now)
      .whereNull("deleted_at")
      .limit(limit)
    return rows.map((r: { account_id: string }) => r.account_id)
  }
}
