import { MedusaError, generateEntityId } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { LotAllocation } from "../../types"
import { allocateFromLots, type OpenLot } from "../lot-allocation"
import { TABLES } from "./tables"

/** Oldest expiry first, lots that never expire last. */
const SPENDING_ORDER = "expires_at asc nulls last, created_at asc, id asc"

/**
 * Point lots: what credits put in, what debits took out. Caller holds the account lock.
 * An entry that takes points records the lots it took from (`lot_allocations`); an entry
 * that gives points back records the lots it restored, with their original expiry dates.
 */
export class LotBook {
  constructor(private readonly knex: Knex.Transaction) {}

  async create(input: { account_id: string; entry_id: string; points: number; expires_at: Date | null }) {
    await this.knex(TABLES.lot).insert({
      id: generateEntityId(undefined, "llot"),
      ...input,
      remaining: input.points,
    })
  }

  /**
   * Allocates `points` from the account's open lots in spending order, with `first` (lot
   * ids) ahead of the rest. Throws when the lots hold less than the balance said.
   */
  async allocate(accountId: string, points: number, first: string[] = []): Promise<LotAllocation[]> {
    if (points <= 0) return []
    const lots = first.length ? await this.openLots(accountId, first) : await this.covering(accountId, points)
    const { allocations, uncovered } = allocateFromLots(lots, points)
    if (uncovered > 0) {
      throw new MedusaError(
        MedusaError.Types.UNEXPECTED_STATE,
        `Lots of account ${accountId} hold ${points - uncovered} points where ${points} were expected: run rebuildBalances with fix`
      )
    }
    return allocations
  }

  async consume(allocations: LotAllocation[]) {
    for (const a of allocations) {
      await this.knex(TABLES.lot).where({ id: a.lot_id }).decrement("remaining", a.points)
    }
  }

  async restore(allocations: LotAllocation[]) {
    for (const a of allocations) {
      await this.knex(TABLES.lot).where({ id: a.lot_id }).increment("remaining", a.points)
    }
  }

  /** Ids of the lots the given credit entries created. */
  async lotIdsOf(entryIds: string[]): Promise<string[]> {
    if (!entryIds.length) return []
    const rows = await this.knex(TABLES.lot).whereIn("entry_id", entryIds).select("id")
    return rows.map((r: { id: string }) => r.id)
  }

  /** Points of these lots that expired (the sum of `expire` entries' allocations on them). */
  async expiredFrom(accountId: string, lotIds: string[]): Promise<number> {
    if (!lotIds.length) return 0
    const { rows } = await this.knex.raw(
      `select coalesce(sum((a->>'points')::int), 0)::int as expired
         from ${TABLES.entry} e, jsonb_array_elements(e.lot_allocations) a
        where e.account_id = ? and e.type = 'expire' and a->>'lot_id' = any(?)`,
      [accountId, lotIds]
    )
    return rows[0]?.expired ?? 0
  }

  /**
   * The open lots a debit of `points` consumes, in spending order: only those needed, so an
   * account with thousands of small lots does not read them all (served by the partial index
   * on open lots).
   */
  private async covering(accountId: string, points: number): Promise<OpenLot[]> {
    const { rows } = await this.knex.raw(
      `select id, remaining from (
         select id, remaining, expires_at, created_at,
                sum(remaining) over (order by ${SPENDING_ORDER}) - remaining as before
           from ${TABLES.lot}
          where account_id = ? and remaining > 0 and deleted_at is null
       ) open_lots
       where before < ?
       order by ${SPENDING_ORDER}`,
      [accountId, points]
    )
    return rows
  }

  /** Every open lot of the account, `first` ahead of the rest, each group in spending order. */
  private async openLots(accountId: string, first: string[]): Promise<OpenLot[]> {
    const lots = (await this.knex(TABLES.lot)
      .where({ account_id: accountId })
      .where("remaining", ">", 0)
      .whereNull("deleted_at")
      .orderByRaw(SPENDING_ORDER)
      .select("id", "remaining")) as OpenLot[]
    const ahead = new Set(first)
    return [...lots.filter((l) => ahead.has(l.id)), ...lots.filter((l) => !ahead.has(l.id))]
  }
}
