import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { LedgerActor, LedgerChangeResult, LedgerEntryDTO } from "../../types"
import { LedgerKernel } from "./kernel"
import { LedgerStore } from "./ledger-store"
import { hasBasis } from "./order-entries"
import { PendingStore } from "./pending-store"

export { orderEntries, orderPointsState, type OrderPointsState } from "./order-entries"

/** Key of an order's first `earn` entry (the one that keeps the earning basis). */
export const orderEarnKey = (orderId: string) => `earn:order:${orderId}`

export type SettleOrderPointsInput = {
  account_id: string
  order_id: string
  /** The points the order must give in the end (what it earns on what the shopper kept). */
  target: number
  reason: string
  actor?: LedgerActor
  /** Metadata of the order's first `earn` entry: the earning basis (see order-points). */
  earn_metadata?: Record<string, unknown> | null
  /** Metadata of later entries (what changed: the trigger, a return id, ...). */
  metadata?: Record<string, unknown> | null
  /**
   * When a first award becomes spendable (the order's placement plus the program's
   * pending_days); null or absent: at once. An order that was awarded keeps its own period.
   */
  available_at?: Date | string | null
  /** The clock of the pending period and of a new lot's validity (default: now). */
  now?: Date
}

export type SettleOrderPointsResult = {
  /** The entry that moved the order's points (earn or reverse), or null when nothing was due. */
  change: LedgerChangeResult | null
  /** The `mature` entry written first when the order's pending period was over, else null. */
  matured: LedgerChangeResult | null
  net_before: number
  net_after: number
}

/**
 * An order's points as one figure the coordinator moves: the order's net points (its `earn`
 * entries minus its clawbacks, whether taken, owed or already expired, pending or spendable)
 * are brought to a target with one entry, under the account lock. Settling twice to the same
 * target writes nothing, whatever order the events came in. During the program's pending
 * period only the order's pending points move; a settle that finds the period over matures the
 * due points first (a `mature` entry), then moves the balance.
 */
export class OrderPointsStore {
  private readonly ledger: LedgerStore
  private readonly kernel: LedgerKernel
  private readonly pending: PendingStore

  constructor(knex: Knex.Transaction) {
    this.ledger = new LedgerStore(knex)
    this.kernel = LedgerKernel.for(knex)
    this.pending = new PendingStore(knex)
  }

  async settle(input: SettleOrderPointsInput): Promise<SettleOrderPointsResult> {
    return await this.kernel.withAccount(input.account_id, async (account) => {
      const now = input.now ?? new Date()
      let state = await this.pending.orderState(input.order_id, account.id)
      const matured = await this.pending.matureLocked(account, state, now)
      if (matured) state = await this.pending.orderState(input.order_id, account.id)
      const done = (change: LedgerChangeResult | null, net_after = state.net) => ({ change, matured, net_before: state.net, net_after })
      const delta = input.target - state.net
      if (delta === 0) return done(null)
      // Under the lock the count only grows: each settle writes at least one entry of the order.
      const nextKey = `order:${input.order_id}:points:${state.entries.length}`
      const label = { source_type: "order" as const, source_id: input.order_id, actor: input.actor, reason: input.reason }
      let change: LedgerChangeResult
      if (delta > 0) {
        // The first credit that keeps the earning basis takes the order's earn key, unless an
        // earlier credit (written without a basis) holds it.
        const first = !state.entries.some((e) => e.type === "earn" && hasBasis(e))
        let { replay, key } = await this.kernel.claimKey(first ? orderEarnKey(input.order_id) : nextKey, account)
        if (replay && first) ({ replay, key } = await this.kernel.claimKey(nextKey, account))
        if (replay) return done(replay)
        const metadata = first ? input.earn_metadata ?? null : input.metadata ?? null
        const until = await this.pending.pendingUntil(state, input.available_at, now)
        change = until
          ? await this.pending.awardLocked(account, { ...label, type: "earn", points: delta, idempotency_key: key, metadata, available_at: until })
          : await this.ledger.creditLocked(account, {
              ...label,
              account_id: account.id,
              type: "earn",
              points: delta,
              idempotency_key: key,
              counts_as_earned: true,
              metadata,
              now,
            })
      } else {
        const { replay, key } = await this.kernel.claimKey(nextKey, account)
        if (replay) return done(replay)
        // Pending points go first (while the period runs, the order holds nothing else).
        const fromPending = Math.min(-delta, state.pending)
        change = await this.ledger.clawBack(account, {
          // A matured order's lot was created by its `mature` entry.
          credit_ids: state.entries.filter((e) => e.type === "earn" || e.type === "mature").map((e) => e.id),
          wanted: -delta - fromPending,
          pending_change: -fromPending,
          excused_before: state.excused,
          counts_as_earned: true,
          entry: { ...label, type: "reverse", idempotency_key: key, metadata: input.metadata ?? null },
        })
      }
      return done(change, input.target)
    })
  }
}
