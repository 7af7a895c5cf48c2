import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { LedgerActor, LedgerChangeResult, LedgerEntryDTO } from "../../types"
import { LedgerKernel } from "./kernel"
import { LedgerStore } from "./ledger-store"
import { hasBasis, orderEntries, orderPointsState } from "./order-entries"

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
}

export type SettleOrderPointsResult = {
  /** The entry that moved the order's points (earn or reverse), or null when nothing was due. */
  change: LedgerChangeResult | null
  net_before: number
  net_after: number
}

/**
 * An order's points as one figure the coordinator moves: the order's net points (its `earn`
 * entries minus its clawbacks, whether taken, owed or already expired) are brought to a
 * target with one entry, under the account lock. Settling twice to the same target writes
 * nothing, whatever order the events came in.
 */
export class OrderPointsStore {
  private readonly ledger: LedgerStore
  private readonly kernel: LedgerKernel

  constructor(knex: Knex.Transaction) {
    this.ledger = new LedgerStore(knex)
    this.kernel = LedgerKernel.for(knex)
  }

  async settle(input: SettleOrderPointsInput): Promise<SettleOrderPointsResult> {
    return await this.kernel.withAccount(input.account_id, async (account) => {
      const state = orderPointsState(input.order_id, await orderEntries(this.kernel.knex, input.order_id, account.id))
      const delta = input.target - state.net
      if (delta === 0) return { change: null, net_before: state.net, net_after: state.net }
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
        if (replay) return { change: replay, net_before: state.net, net_after: state.net }
        change = await this.ledger.creditLocked(account, {
          ...label,
          account_id: account.id,
          type: "earn",
          points: delta,
          idempotency_key: key,
          counts_as_earned: true,
          metadata: first ? input.earn_metadata ?? null : input.metadata ?? null,
        })
      } else {
        const { replay, key } = await this.kernel.claimKey(nextKey, account)
        if (replay) return { change: replay, net_before: state.net, net_after: state.net }
        change = await this.ledger.clawBack(account, {
          credit_ids: state.entries.filter((e) => e.type === "earn").map((e) => e.id),
          wanted: -delta,
          excused_before: state.excused,
          counts_as_earned: true,
          entry: { ...label, type: "reverse", idempotency_key: key, metadata: input.metadata ?? null },
        })
      }
      return { change, net_before: state.net, net_after: input.target }
    })
  }
}
