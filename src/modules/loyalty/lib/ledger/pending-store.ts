import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { LedgerChangeResult } from "../../types"
import { type AccountRow, type EntryLabel, LedgerKernel } from "./kernel"
import { LedgerStore } from "./ledger-store"
import { orderEntries, orderPointsState, type OrderPointsState } from "./order-entries"
import { TABLES } from "./tables"

const DAY_MS = 86_400_000

/** Key of the entry that makes an order's pending points spendable (followed past compensations). */
export const matureKey = (orderId: string) => `mature:order:${orderId}`

/**
 * When an order's points become spendable under a pending period of `days` (the program's
 * `pending_days`): `days` times 24 hours after the order was placed. Null when the period is off.
 */
export function pendingAvailableAt(placedAt: Date | string | null | undefined, days: number | null | undefined): Date | null {
  if (!days || !placedAt) return null
  const placed = new Date(placedAt).getTime()
  return Number.isFinite(placed) ? new Date(placed + days * DAY_MS) : null
}

/** An order's points that are still pending. */
export type PendingOrderPoints = { account_id: string; order_id: string; points: number; available_at: Date }

/**
 * Pending order points grouped per order: the order entries that moved pending points, of the
 * accounts that hold some (`points_pending > 0`). The accounts are read in one scan (no index
 * on points_pending: one row per member) and each one's entries through the (account_id,
 * created_at) index, so the cost grows with the members holding pending points and their
 * entries, never with the whole ledger.
 */
const PENDING_ORDERS = `
  select e.account_id, e.source_id as order_id, sum(e.pending_change)::int as points,
         min((e.metadata->>'available_at')::timestamptz) as available_at
    from ${TABLES.account} a
    join ${TABLES.entry} e on e.account_id = a.id
   where a.points_pending > 0 and a.deleted_at is null
     and (:account_id::text is null or a.id = :account_id)
     and e.source_type = 'order' and e.pending_change <> 0
   group by e.account_id, e.source_id
  having sum(e.pending_change) > 0
     and (:due::timestamptz is null or min((e.metadata->>'available_at')::timestamptz) <= :due)
   order by available_at asc, e.source_id asc
   limit :limit`

/**
 * The program's pending period on the ledger. While it runs, an order's points are an `earn`
 * entry of 0 points and `pending_change` +N (no lot: nothing can spend them), and the order's
 * later changes move pending only. When it is over, one `mature` entry (points +N,
 * pending_change -N, lifetime +N) creates the lot, its validity counted from then, and pays
 * any debt first like every credit. Caller holds the account lock for the *Locked methods.
 */
export class PendingStore {
  private readonly kernel: LedgerKernel
  private readonly ledger: LedgerStore

  constructor(private readonly knex: Knex.Transaction) {
    this.kernel = LedgerKernel.for(knex)
    this.ledger = new LedgerStore(knex)
  }

  async orderState(orderId: string, accountId: string): Promise<OrderPointsState> {
    return orderPointsState(orderId, await orderEntries(this.knex, orderId, accountId))
  }

  /** Whether the order's pending points were made spendable (by a `mature` entry no compensation undid). */
  async matured(orderId: string): Promise<boolean> {
    return !!(await this.kernel.followKey(matureKey(orderId))).entry
  }

  /**
   * Until when a change of the order's points must stay pending, or null when it moves the
   * balance. An order keeps the period of its first award: one awarded pending keeps its
   * `available_at`; one awarded spendable never becomes pending; a first award is pending when
   * the program's period (`availableAt`) is still running.
   */
  async pendingUntil(state: OrderPointsState, availableAt: Date | string | null | undefined, now: Date): Promise<string | null> {
    const credited = state.entries.some((e) => e.type === "earn")
    const until = state.available_at ?? (credited || !availableAt ? null : new Date(availableAt).toISOString())
    if (!until || new Date(until).getTime() <= now.getTime()) return null
    // Matured already (the clock of this change is behind the one that matured it): spendable.
    if (state.available_at && (await this.matured(state.order_id))) return null
    return until
  }

  /** A pending credit: `earn` of 0 points and `pending_change` +points, no lot. The key is claimed. */
  async awardLocked(account: AccountRow, input: EntryLabel & { points: number; available_at: string }): Promise<LedgerChangeResult> {
    const { points, available_at, ...label } = input
    const entry = await this.kernel.insertEntry(account, {
      ...label,
      points: 0,
      pending_change: points,
      metadata: { ...(label.metadata ?? {}), available_at },
    })
    return this.kernel.result(entry, true, account)
  }

  /**
   * Makes the order's pending points spendable when their period is over (`available_at` <=
   * `now`): one `mature` entry under the order's mature key. Null when nothing is due or it was
   * done already.
   */
  async matureLocked(account: AccountRow, state: OrderPointsState, now: Date): Promise<LedgerChangeResult | null> {
    if (state.pending <= 0 || !state.available_at || new Date(state.available_at).getTime() > now.getTime()) return null
    const { replay, key } = await this.kernel.claimKey(matureKey(state.order_id), account)
    if (replay) return null
    const displayId = (state.earn?.metadata as Record<string, unknown> | null)?.display_id
    return await this.ledger.creditLocked(account, {
      account_id: account.id,
      type: "mature",
      points: state.pending,
      pending_change: -state.pending,
      counts_as_earned: true,
      // The points' validity (and any extension of older lots) counts from when they become spendable.
      now,
      source_type: "order",
      source_id: state.order_id,
      idempotency_key: key,
      reason: `${displayId ? `Order #${displayId}` : `Order ${state.order_id}`}: pending points now available`,
      metadata: { available_at: state.available_at },
    })
  }

  /** Matures one order's due points under the account lock (the job's verb). */
  async matureOrder(input: { account_id: string; order_id: string; now: Date }): Promise<LedgerChangeResult | null> {
    return await this.kernel.withAccount(input.account_id, async (account) =>
      this.matureLocked(account, await this.orderState(input.order_id, account.id), input.now)
    )
  }

  /** Orders whose pending points are due at `now`, the longest due first. A read. */
  static async due(knex: Knex, now: Date, limit: number): Promise<PendingOrderPoints[]> {
    const { rows } = await knex.raw(PENDING_ORDERS, { account_id: null, due: now, limit })
    return rows
  }

  /** An account's pending points, per order, the soonest available first. A read. */
  static async ofAccount(knex: Knex, accountId: string, limit = 100): Promise<PendingOrderPoints[]> {
    const { rows } = await knex.raw(PENDING_ORDERS, { account_id: accountId, due: null, limit })
    return rows
  }
}
