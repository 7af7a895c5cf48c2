import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { LedgerActor, LedgerChangeResult, LedgerEntryDTO } from "../../types"
import { LedgerKernel, toEntryDTO } from "./kernel"
import { LedgerStore } from "./ledger-store"
import { TABLES } from "./tables"

/** Key of an order's first `earn` entry (the one that keeps the earning basis). */
export const orderEarnKey = (orderId: string) => `earn:order:${orderId}`

/** An order's points as its entries tell them. */
export type OrderPointsState = {
  order_id: string
  account_id: string | null
  /** The order's first `earn` entry that keeps what the points were earned on (else its first one). */
  earn: LedgerEntryDTO | null
  /** Points the order gives the shopper now: credited minus clawed back. */
  net: number
  /** Every credit and every clawback of the order, as written (compensations included). */
  credited: number
  clawed_back: number
  /** As a merchant reads them: a run undone by its compensation (and the compensation) left out. */
  earned: number
  taken_back: number
  /** Points of the order's lots earlier clawbacks counted as expired (not taken twice). */
  excused: number
  /** The order's entries, oldest first (earn and reverse; also its debts and debt payments). */
  entries: LedgerEntryDTO[]
}

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

const isClawback = (e: LedgerEntryDTO) => e.type === "reverse" && e.points <= 0
const hasBasis = (e: LedgerEntryDTO) => !!(e.metadata as Record<string, unknown> | null)?.earning_basis

/** The state of an order from its entries (any order of entries, any connection). */
export function orderPointsState(orderId: string, entries: LedgerEntryDTO[]): OrderPointsState {
  const sorted = [...entries].sort((a, b) => new Date(a.created_at).getTime() - new Date(b.created_at).getTime() || a.id.localeCompare(b.id))
  const credits = sorted.filter((e) => e.type === "earn")
  const clawbacks = sorted.filter(isClawback)
  const credited = credits.reduce((s, e) => s + e.points, 0)
  const clawed_back = clawbacks.reduce((s, e) => s - e.points + e.shortfall, 0)
  const compensation = (e: LedgerEntryDTO) => !!(e.metadata as Record<string, unknown> | null)?.compensation
  const undoneCredits = credits.filter(compensation).reduce((s, e) => s + e.points, 0)
  const undoneClawbacks = clawbacks.filter(compensation).reduce((s, e) => s - e.points + e.shortfall, 0)
  return {
    order_id: orderId,
    account_id: sorted[0]?.account_id ?? null,
    earn: credits.find(hasBasis) ?? credits[0] ?? null,
    net: credited - clawed_back,
    credited,
    clawed_back,
    earned: credited - undoneCredits - undoneClawbacks,
    taken_back: clawed_back - undoneClawbacks - undoneCredits,
    excused: clawbacks.reduce((s, e) => s + Number((e.metadata as Record<string, unknown> | null)?.expired_excused ?? 0), 0),
    entries: sorted,
  }
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

  /** The entries of an order: its own, and parts returns took before orders were settled whole. */
  static async entriesOf(knex: Knex, orderId: string, accountId?: string): Promise<LedgerEntryDTO[]> {
    const own = await knex(TABLES.entry)
      .where({ source_type: "order", source_id: orderId })
      .modify((q) => (accountId ? q.where({ account_id: accountId }) : q))
    const earnIds = own.filter((e: any) => e.type === "earn").map((e: any) => e.id)
    const parts = earnIds.length
      ? await knex(TABLES.entry).where({ source_type: "return" }).whereRaw("metadata->>'part_of_entry_id' = any(?)", [earnIds])
      : []
    return [...own, ...parts].map(toEntryDTO)
  }

  async settle(input: SettleOrderPointsInput): Promise<SettleOrderPointsResult> {
    return await this.kernel.withAccount(input.account_id, async (account) => {
      const state = orderPointsState(input.order_id, await OrderPointsStore.entriesOf(this.kernel.knex, input.order_id, account.id))
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
