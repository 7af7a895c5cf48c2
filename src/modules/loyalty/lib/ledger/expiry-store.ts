import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { LedgerChangeResult } from "../../types"
import { type AccountRow, LedgerKernel } from "./kernel"
import { LotBook } from "./lots"
import { TABLES } from "./tables"

/**
 * `date` plus `months` calendar months, on the same day of the month or, when that month is
 * shorter, its last day (31 January + 1 month is 28 or 29 February, never 2 or 3 March).
 */
export function addMonths(date: Date, months: number): Date {
  const d = new Date(date.getTime())
  const day = d.getUTCDate()
  d.setUTCDate(1)
  d.setUTCMonth(d.getUTCMonth() + months)
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate()
  d.setUTCDate(Math.min(day, lastDay))
  return d
}

/** Expiry of points: lots past their date leave the balance with an `expire` entry each. */
export class ExpiryStore {
  private readonly kernel: LedgerKernel
  private readonly lots: LotBook

  constructor(private readonly knex: Knex.Transaction) {
    this.kernel = LedgerKernel.for(knex)
    this.lots = new LotBook(knex)
  }

  /** The expiry of a new credit under the program's validity (null: never). */
  async defaultExpiry(programId: string, now = new Date()): Promise<Date | null> {
    const program = await this.knex(TABLES.program).where({ id: programId }).first("points_validity_months")
    const months = program?.points_validity_months
    return months ? addMonths(now, months) : null
  }

  async expireDueLots(accountId: string, now: Date): Promise<LedgerChangeResult[]> {
    return await this.kernel.withAccount(accountId, (account) => this.expireDue(account, now))
  }

  /** Writes one `expire` entry per lot past its expiry date. Caller holds the account lock. */
  async expireDue(account: AccountRow, now: Date): Promise<LedgerChangeResult[]> {
    const due = await this.knex(TABLES.lot)
      .where({ account_id: account.id })
      .where("remaining", ">", 0)
      .where("expires_at", "<=", now)
      .whereNull("deleted_at")
      .orderBy([{ column: "expires_at" }, { column: "id" }])
    const results: LedgerChangeResult[] = []
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
        reason: `Points expired on ${new Date(lot.expires_at).toISOString().slice(0, 10)}`,
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
