import type { Context } from "@medusajs/framework/types"
import { refusal } from "../refusal"
import { MedusaError, generateEntityId } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { LedgerActor, LedgerChangeResult, LedgerEntryDTO, LedgerEntryType, LedgerSourceType, LotAllocation } from "../../types"
import { COMPENSATION_KEY_PREFIX } from "../../types"
import { TABLES } from "./tables"

export type AccountRow = {
  id: string
  program_id: string
  balance: number
  points_owed: number
  lifetime_earned: number
  /** Order points of the program's pending period, not spendable yet. */
  points_pending: number
  status: string
}

/** Who and why, for an entry a change writes. */
export type EntryLabel = {
  type: LedgerEntryType
  source_type: LedgerSourceType
  source_id?: string | null
  idempotency_key: string
  actor?: LedgerActor
  reason?: string | null
  metadata?: Record<string, unknown> | null
  reverses_entry_id?: string | null
}

/** An entry to append; the kernel works out balance_after and the account's cached sums. */
export type NewEntry = EntryLabel & {
  /** Change of the spendable balance. */
  points: number
  owed_change?: number
  earned_change?: number
  /** Change of points_pending (an order's points while its pending period runs). */
  pending_change?: number
  shortfall?: number
  lot_allocations?: LotAllocation[] | null
}

type Sums = Pick<AccountRow, "balance" | "points_owed" | "lifetime_earned" | "points_pending">
type Held = { row: AccountRow; depth: number; read: Sums }

const sumsOf = (row: AccountRow): Sums => ({
  balance: row.balance,
  points_owed: row.points_owed,
  lifetime_earned: row.lifetime_earned,
  points_pending: row.points_pending,
})

/** One kernel per transaction, so every store of a change sees the same locked account. */
const kernels = new WeakMap<object, LedgerKernel>()

/**
 * The ledger's primitives, on the caller's transaction: the account lock, idempotency keys,
 * appending an entry, and closing one. Every change of points runs inside `withAccount`, which
 * locks the account row (SELECT ... FOR UPDATE) and writes its cached balance, owed points,
 * lifetime points and pending points once, when the change is complete (the database checks
 * them then: never below zero, never spendable points while owing).
 */
export class LedgerKernel {
  /**
   * How long a change waits for an account another change holds (PostgreSQL lock_timeout).
   * Past it the change is refused with CONFLICT ("account busy, try again"), not a 500.
   */
  static lockTimeoutMs = 15_000

  private readonly held = new Map<string, Held>()

  private constructor(readonly knex: Knex.Transaction) {}

  static for(knex: Knex.Transaction): LedgerKernel {
    let kernel = kernels.get(knex)
    if (!kernel) {
      kernel = new LedgerKernel(knex)
      kernels.set(knex, kernel)
    }
    return kernel
  }

  static knexOf(sharedContext: Context): Knex.Transaction {
    const manager = sharedContext.transactionManager as { getTransactionContext(): Knex.Transaction | undefined } | undefined
    const knex = manager?.getTransactionContext?.()
    if (!knex) {
      // A FOR UPDATE outside a transaction would release its lock at once.
      throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "Ledger changes must run inside a transaction")
    }
    return knex
  }

  /** The knex of a read: the transaction when there is one, otherwise the manager's connection. */
  static readerOf(sharedContext: Context): Knex {
    const manager = (sharedContext.transactionManager ?? sharedContext.manager) as
      | { getTransactionContext?(): Knex.Transaction | undefined; getKnex?(): Knex }
      | undefined
    const knex = manager?.getTransactionContext?.() ?? manager?.getKnex?.()
    if (!knex) throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "No database connection for the ledger read")
    return knex
  }

  static isUniqueViolation(error: unknown, constraintPart?: string): boolean {
    const e = error as { code?: string; constraint?: string; message?: string } | undefined
    if (e?.code !== "23505") return false
    if (!constraintPart) return true
    return `${e.constraint ?? ""} ${e.message ?? ""}`.includes(constraintPart)
  }

  /** PostgreSQL's lock_not_available (55P03): a lock wait ran past lock_timeout. */
  static isLockTimeout(error: unknown): boolean {
    return (error as { code?: string } | undefined)?.code === "55P03"
  }

  /** A lock timeout as the CONFLICT a client can retry; any other error unchanged. */
  static busyError(error: unknown, accountId: string): unknown {
    if (!LedgerKernel.isLockTimeout(error)) return error
    return refusal("account_busy", `Loyalty account ${accountId} is busy with another change of its points: try again in a moment`, {
      retry_after_ms: 500,
    })
  }

  /**
   * Runs `change` with the account locked. Nested calls for the same account share the locked
   * row; the outermost one writes the account's cached sums once the change is complete.
   */
  async withAccount<T>(accountId: string, change: (account: AccountRow) => Promise<T>): Promise<T> {
    const held = this.held.get(accountId)
    if (held) {
      held.depth++
      try {
        return await change(held.row)
      } finally {
        held.depth--
      }
    }
    const row = await this.selectForUpdate(accountId)
    const entry: Held = { row, depth: 1, read: sumsOf(row) }
    this.held.set(accountId, entry)
    try {
      const result = await change(row)
      await this.flush(entry)
      return result
    } finally {
      this.held.delete(accountId)
    }
  }

  private async selectForUpdate(accountId: string): Promise<AccountRow> {
    const timeout = Math.max(1, Math.round(LedgerKernel.lockTimeoutMs))
    await this.knex.raw(`SET LOCAL lock_timeout = '${timeout}ms'`)
    let account: AccountRow | undefined
    try {
      account = await this.knex(TABLES.account)
        .where({ id: accountId })
        .whereNull("deleted_at")
        .forUpdate()
        .first("id", "program_id", "balance", "points_owed", "lifetime_earned", "points_pending", "status")
    } catch (e) {
      throw LedgerKernel.busyError(e, accountId)
    }
    if (!account) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Loyalty account ${accountId} was not found`)
    }
    return account
  }

  private async flush({ row, read }: Held) {
    const now = sumsOf(row)
    if ((Object.keys(now) as (keyof Sums)[]).every((k) => now[k] === read[k])) return
    await this.knex(TABLES.account).where({ id: row.id }).update({ ...now, updated_at: new Date() })
    Object.assign(read, now)
  }

  /** See followKey: the live entry under `key` and the key a new entry must take. */
  async followKey(key: string): Promise<{ entry: LedgerEntryDTO | null; key: string }> {
    return await followKey(this.knex, key)
  }

  /**
   * Under the account lock: the earlier result when `key` was already used (a replay), or the
   * key the new entry must be written under.
   */
  async claimKey(key: string, account: AccountRow): Promise<{ replay: LedgerChangeResult | null; key: string }> {
    const live = await this.followKey(key)
    if (!live.entry) return { replay: null, key: live.key }
    if (live.entry.account_id !== account.id) {
      throw new MedusaError(MedusaError.Types.CONFLICT, `Idempotency key ${key} was already used for another account`)
    }
    return { replay: this.result(live.entry, false, account), key: live.key }
  }

  /**
   * The one way an entry is closed (a reservation released or spent, a spent reservation
   * refunded, an entry reversed): a replayed key returns the first result; an entry another
   * key already closed returns that closing entry (the unique index on reverses_entry_id lets
   * each entry be closed once); otherwise `write` appends the closing entry under the key.
   */
  async closeEntry<T extends LedgerChangeResult | null>(
    account: AccountRow,
    input: { key: string; closes: string },
    write: (key: string) => Promise<T>
  ): Promise<LedgerChangeResult | T> {
    const { replay, key } = await this.claimKey(input.key, account)
    if (replay) return replay
    const earlier = await this.knex(TABLES.entry).where({ reverses_entry_id: input.closes }).first()
    if (earlier) return this.result(toEntryDTO(earlier), false, account)
    return await write(key)
  }

  /** Appends an entry and moves the locked account's sums with it. Caller holds the lock. */
  async insertEntry(account: AccountRow, e: NewEntry): Promise<LedgerEntryDTO> {
    const balance = account.balance + e.points
    const owed = account.points_owed + (e.owed_change ?? 0)
    const lifetime = account.lifetime_earned + (e.earned_change ?? 0)
    const pending = account.points_pending + (e.pending_change ?? 0)
    if (balance < 0 || owed < 0 || lifetime < 0 || pending < 0) {
      throw new MedusaError(
        MedusaError.Types.UNEXPECTED_STATE,
        `Entry ${e.type} would take account ${account.id} below zero (balance ${balance}, owed ${owed}, lifetime ${lifetime}, pending ${pending})`
      )
    }
    const [row] = await this.knex(TABLES.entry)
      .insert({
        id: generateEntityId(undefined, "lent"),
        // The time of the write under the account lock, not the transaction's start (now()):
        // two transactions waiting on one account then list in the order they changed it.
        created_at: this.knex.raw("clock_timestamp()"),
        account_id: account.id,
        type: e.type,
        points: e.points,
        balance_after: balance,
        shortfall: e.shortfall ?? 0,
        owed_change: e.owed_change ?? 0,
        earned_change: e.earned_change ?? 0,
        pending_change: e.pending_change ?? 0,
        source_type: e.source_type,
        source_id: e.source_id ?? null,
        idempotency_key: e.idempotency_key,
        reverses_entry_id: e.reverses_entry_id ?? null,
        lot_allocations: e.lot_allocations ? JSON.stringify(e.lot_allocations) : null,
        actor_user_id: e.actor?.user_id ?? null,
        actor_customer_id: e.actor?.customer_id ?? null,
        actor_device_id: e.actor?.device_id ?? null,
        actor_staff_id: e.actor?.staff_id ?? null,
        reason: e.reason ?? null,
        metadata: e.metadata ? JSON.stringify(e.metadata) : null,
      })
      .returning("*")
    account.balance = balance
    account.points_owed = owed
    account.lifetime_earned = lifetime
    account.points_pending = pending
    return toEntryDTO(row)
  }

  result(entry: LedgerEntryDTO, created: boolean, account: AccountRow, debt: LedgerEntryDTO | null = null): LedgerChangeResult {
    return { entry, created, balance: account.balance, points_owed: account.points_owed, debt }
  }

  async entry(id: string): Promise<LedgerEntryDTO> {
    const row = await this.knex(TABLES.entry).where({ id }).first()
    if (!row) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Ledger entry ${id} was not found`)
    return toEntryDTO(row)
  }
}

/**
 * Follows an idempotency key past entries that a workflow compensation undid: a retry after
 * a compensated run must change points again, under the key derived from the compensation.
 * Returns the live entry written under the key (if any) and the key a new entry must take.
 */
export async function followKey(knex: Knex, key: string): Promise<{ entry: LedgerEntryDTO | null; key: string }> {
  let current = key
  for (let hop = 0; hop < 50; hop++) {
    const entry = await knex(TABLES.entry).where({ idempotency_key: current }).first()
    if (!entry) return { entry: null, key: current }
    const compensation = await knex(TABLES.entry)
      .where({ reverses_entry_id: entry.id })
      .whereNull("deleted_at") // matches the partial unique index on reverses_entry_id
      .where("idempotency_key", "like", `${COMPENSATION_KEY_PREFIX}%`)
      .first("id")
    if (!compensation) return { entry: toEntryDTO(entry), key: current }
    current = `${key}:after:${compensation.id}`
  }
  throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `Idempotency key ${key} was compensated 50 times`)
}

export function toEntryDTO(row: Record<string, any>): LedgerEntryDTO {
  const { deleted_at: _deleted, updated_at: _updated, ...rest } = row
  return rest as LedgerEntryDTO
}
