import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { LedgerEntryDTO } from "../../types"
import { toEntryDTO } from "./kernel"
import { TABLES } from "./tables"

/** An order's points as its entries tell them. */
export type OrderPointsState = {
  order_id: string
  account_id: string | null
  /** The order's first `earn` entry that keeps what the points were earned on (else its first one). */
  earn: LedgerEntryDTO | null
  /** Points the order gives the shopper now: credited minus clawed back, pending or spendable. */
  net: number
  /** Of `net`, the points still pending (the program's pending period): the sum of the entries' `pending_change`. */
  pending: number
  /** When the pending points become spendable, as kept on the order's pending `earn` entries; null: never pending. */
  available_at: string | null
  /** Every credit and every clawback of the order, as written (compensations included). */
  credited: number
  clawed_back: number
  /** As a merchant reads them: a run undone by its compensation (and the compensation) left out. */
  earned: number
  taken_back: number
  /** Points of the order's lots earlier clawbacks counted as expired (not taken twice). */
  excused: number
  /** The order's entries, oldest first (earn, mature and reverse; also its debts and debt payments). */
  entries: LedgerEntryDTO[]
}

const isClawback = (e: LedgerEntryDTO) => e.type === "reverse" && e.points <= 0
/** What a credit gave the order: spendable points, or pending ones (a `mature` entry only moves them). */
const creditOf = (e: LedgerEntryDTO) => e.points + (e.pending_change ?? 0)
/** What a clawback took: from the balance, owed or excused (shortfall), and from pending. */
const clawbackOf = (e: LedgerEntryDTO) => -e.points + e.shortfall - (e.pending_change ?? 0)
export const isPendingAward = (e: LedgerEntryDTO) => e.type === "earn" && (e.pending_change ?? 0) > 0
export const hasBasis = (e: LedgerEntryDTO) => !!(e.metadata as Record<string, unknown> | null)?.earning_basis

/** The state of an order from its entries (any order of entries, any connection). */
export function orderPointsState(orderId: string, entries: LedgerEntryDTO[]): OrderPointsState {
  const sorted = [...entries].sort((a, b) => new Date(a.created_at).getTime() - new Date(b.created_at).getTime() || a.id.localeCompare(b.id))
  const credits = sorted.filter((e) => e.type === "earn")
  const clawbacks = sorted.filter(isClawback)
  const credited = credits.reduce((s, e) => s + creditOf(e), 0)
  const clawed_back = clawbacks.reduce((s, e) => s + clawbackOf(e), 0)
  const compensation = (e: LedgerEntryDTO) => !!(e.metadata as Record<string, unknown> | null)?.compensation
  const undoneCredits = credits.filter(compensation).reduce((s, e) => s + creditOf(e), 0)
  const undoneClawbacks = clawbacks.filter(compensation).reduce((s, e) => s + clawbackOf(e), 0)
  const availableAt = (sorted.find(isPendingAward)?.metadata as Record<string, unknown> | null)?.available_at
  return {
    order_id: orderId,
    account_id: sorted[0]?.account_id ?? null,
    earn: credits.find(hasBasis) ?? credits[0] ?? null,
    net: credited - clawed_back,
    pending: sorted.reduce((s, e) => s + (e.pending_change ?? 0), 0),
    available_at: typeof availableAt === "string" ? availableAt : null,
    credited,
    clawed_back,
    earned: credited - undoneCredits - undoneClawbacks,
    taken_back: clawed_back - undoneClawbacks - undoneCredits,
    excused: clawbacks.reduce((s, e) => s + Number((e.metadata as Record<string, unknown> | null)?.expired_excused ?? 0), 0),
    entries: sorted,
  }
}


/** The entries of an order: its own, and parts returns took before orders were settled whole. */
export async function orderEntries(knex: Knex, orderId: string, accountId?: string): Promise<LedgerEntryDTO[]> {
  const own = await knex(TABLES.entry)
    .where({ source_type: "order", source_id: orderId })
    .modify((q) => (accountId ? q.where({ account_id: accountId }) : q))
  const earnIds = own.filter((e: any) => e.type === "earn").map((e: any) => e.id)
  const parts = earnIds.length
    ? await knex(TABLES.entry).where({ source_type: "return" }).whereRaw("metadata->>'part_of_entry_id' = any(?)", [earnIds])
    : []
  return [...own, ...parts].map(toEntryDTO)
}
