import type { Context } from "@medusajs/framework/types"
import { MedusaError, generateEntityId } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type {
  BalanceDrift,
  CreditPointsInput,
  DebitPointsInput,
  LedgerActor,
  LedgerChangeResult,
  LedgerEntryDTO,
  LedgerEntryType,
  LedgerSourceType,
  LotAllocation,
  ReverseEntryInput,
} from "../types"
import { COMPENSATION_KEY_PREFIX } from "../types"
import { allocateFromLots } from "./lot-allocation"

const ACCOUNT = "loyalty_account"
const ENTRY = "loyalty_ledger_entry"
const LOT = "loyalty_point_lot"
const PROGRAM = "loyalty_program"

/** Entry types that count towards an account's lifetime_earned. */
const EARNING_TYPES: LedgerEntryType[] = ["earn", "welcome_bonus"]

type AccountRow = {
  id: string
  program_id: string
  balance: number
  lifetime_earned: number
  status: string
}

type NewEntry = {
  account: AccountRow
  type: LedgerEntryType
  points: number
  source_type: LedgerSourceType
  source_id?: string | null
  idempotency_key: string
  actor?: LedgerActor
  reason?: string | null
  metadata?: Record<string, unknown> | null
  shortfall?: number
  reverses_entry_id?: string | null
  lot_allocations?: LotAllocation[] | null
  lifetime_delta?: number
}

/**
 * The ledger's SQL, run on the caller's transaction. Every method that changes points
 * locks the account row first (SELECT ... FOR UPDATE), so concurrent changes of one
 * account are serialised and the cached balance always equals the ledger sum.
 */
export class LedgerStore {
  constructor(private readonly knex: Knex.Transaction) {}

  static knexOf(sharedContext: Context): Knex.Transaction {
    const manager = sharedContext.transactionManager as
      | { getTransactionContext(): Knex.Transaction | undefined }
      | undefined
    const knex = manager?.getTransactionContext?.()
    if (!knex) {
      // A FOR UPDATE outside a transaction would release its lock at once.
      throw new MedusaError(
        MedusaError.Types.UNEXPECTED_STATE,
        "Ledger changes must run inside a transaction"
      )
    }
    return knex
  }

  static of(sharedContext: Context): LedgerStore {
    return new LedgerStore(LedgerStore.knexOf(sharedContext))
  }

  static isUniqueViolation(error: unknown, constraintPart?: string): boolean {
    const e = error as { code?: string; constraint?: string; message?: string } | undefined
    if (e?.code !== "23505") return false
    if (!constraintPart) return true
    return `${e.constraint ?? ""} ${e.message ?? ""}`.includes(constraintPart)
  }

  async program(programId: string) {
    const program = await this.knex(PROGRAM).where({ id: programId }).whereNull("deleted_at").first()
    if (!program) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Loyalty program ${programId} was not found`)
    }
    return program as { id: string; welcome_bonus_points: number; points_validity_months: number | null }
  }

  /** Inserts the account unless the customer already has one in the program. */
  async insertAccount(input: {
    program_id: string
    customer_id: string
    card_number: string
    locale: string | null
  }): Promise<{ account_id: string; created: boolean }> {
    const inserted = await this.knex(ACCOUNT)
      .insert({
        id: generateEntityId(undefined, "lacct"),
        ...input,
        status: "active",
        balance: 0,
        lifetime_earned: 0,
        enrolled_at: new Date(),
      })
      .onConflict(["program_id", "customer_id"])
      .ignore()
      .returning("id")
    if (inserted.length) {
      return { account_id: inserted[0].id, created: true }
    }
    const existing = await this.knex(ACCOUNT)
      .where({ program_id: input.program_id, customer_id: input.customer_id })
      .first("id")
    return { account_id: existing.id, created: false }
  }

  /**
   * How long a change waits for an account another change holds (PostgreSQL lock_timeout).
   * Past it the change is refused with CONFLICT ("account busy, try again"), not a 500.
   */
  static lockTimeoutMs = 15_000

  /** PostgreSQL's lock_not_available (55P03): a lock wait ran past lock_timeout. */
  static isLockTimeout(error: unknown): boolean {
    return (error as { code?: string } | undefined)?.code === "55P03"
  }

  /** A lock timeout as the CONFLICT a client can retry; any other error unchanged. */
  static busyError(error: unknown, accountId: string): unknown {
    if (!LedgerStore.isLockTimeout(error)) return error
    return new MedusaError(
      MedusaError.Types.CONFLICT,
      `Loyalty account ${accountId} is busy with another change of its points: try again in a moment`
    )
  }

  async lockAccount(accountId: string): Promise<AccountRow> {
    const timeout = Math.max(1, Math.round(LedgerStore.lockTimeoutMs))
    await this.knex.raw(`SET LOCAL lock_timeout = '${timeout}ms'`)
    let account: AccountRow | undefined
    try {
      account = await this.knex(ACCOUNT)
        .where({ id: accountId })
        .whereNull("deleted_at")
        .forUpdate()
        .first("id", "program_id", "balance", "lifetime_earned", "status")
    } catch (e) {
      throw LedgerStore.busyError(e, accountId)
    }
    if (!account) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Loyalty account ${accountId} was not found`)
    }
    return account
  }

  /**
   * Follows an idempotency key past entries that a workflow compensation undid: a retry after
   * a compensated run must change points again, under the key derived from the compensation.
   * Returns the live entry written under the key (if any) and the key a new entry must take.
   */
  async followKey(key: string): Promise<{ entry: LedgerEntryDTO | null; key: string }> {
    let current = key
    for (let hop = 0; hop < 50; hop++) {
      const entry = await this.knex(ENTRY).where({ idempotency_key: current }).first()
      if (!entry) return { entry: null, key: current }
      const compensation = await this.knex(ENTRY)
        .where({ reverses_entry_id: entry.id })
        .whereNull("deleted_at") // matches the partial unique index on reverses_entry_id
        .where("idempotency_key", "like", `${COMPENSATION_KEY_PREFIX}%`)
        .first("id")
      if (!compensation) return { entry: toEntryDTO(entry), key: current }
      current = `${key}:after:${compensation.id}`
    }
    throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `Idempotency key ${key} was compensated 50 times`)
  }

  /**
   * Under the account lock: the earlier result when `key` was already used (a replay), or the
   * key the new entry must be written under.
   */
  private async claimKey(key: string, account: AccountRow): Promise<{ replay: LedgerChangeResult | null; key: string }> {
    const live = await this.followKey(key)
    if (!live.entry) return { replay: null, key: live.key }
    if (live.entry.account_id !== account.id) {
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        `Idempotency key ${key} was already used for another account`
      )
    }
    return { replay: { entry: live.entry, created: false, balance: account.balance }, key: live.key }
  }

  async credit(input: CreditPointsInput): Promise<LedgerChangeResult> {
    const account = await this.lockAccount(input.account_id)
    const { replay, key } = await this.claimKey(input.idempotency_key, account)
    if (replay) return replay

    const expiresAt =
      input.expires_at !== undefined ? input.expires_at : await this.defaultExpiry(account.program_id)
    const countsAsEarned = input.counts_as_earned ?? EARNING_TYPES.includes(input.type)
    const entry = await this.insertEntry({
      account,
      type: input.type,
      points: input.points,
      source_type: input.source_type,
      source_id: input.source_id,
      idempotency_key: key,
      actor: input.actor,
      reason: input.reason,
      metadata: input.metadata,
      lifetime_delta: countsAsEarned ? input.points : 0,
    })
    await this.knex(LOT).insert({
      id: generateEntityId(undefined, "llot"),
      account_id: account.id,
      entry_id: entry.id,
      points: input.points,
      remaining: input.points,
      expires_at: expiresAt,
    })
    return { entry, created: true, balance: entry.balance_after }
  }

  async debit(input: DebitPointsInput): Promise<LedgerChangeResult> {
    const account = await this.lockAccount(input.account_id)
    const { replay, key } = await this.claimKey(input.idempotency_key, account)
    if (replay) return replay

    if (input.type !== "expire") {
      // Points past their expiry date cannot be spent, even before the expiry job ran.
      await this.expireDue(account, new Date())
    }
    if (account.balance < input.points) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Not enough points: balance ${account.balance}, ${input.points} requested`
      )
    }
    const { allocations, uncovered } = allocateFromLots(await this.lotsCovering(account.id, input.points), input.points)
    if (uncovered > 0) {
      throw new MedusaError(
        MedusaError.Types.UNEXPECTED_STATE,
        `Lots of account ${account.id} hold ${input.points - uncovered} points but the balance is ${account.balance}; run rebuildBalances`
      )
    }
    await this.consumeLots(allocations)
    const entry = await this.insertEntry({
      account,
      type: input.type,
      points: -input.points,
      source_type: input.source_type,
      source_id: input.source_id,
      idempotency_key: key,
      actor: input.actor,
      reason: input.reason,
      metadata: input.metadata,
      lot_allocations: allocations,
    })
    return { entry, created: true, balance: entry.balance_after }
  }

  async reverse(input: ReverseEntryInput): Promise<LedgerChangeResult | null> {
    const original = await this.knex(ENTRY).where({ id: input.entry_id }).first()
    if (!original) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Ledger entry ${input.entry_id} was not found`)
    }
    const account = await this.lockAccount(original.account_id)
    const { replay, key } = await this.claimKey(input.idempotency_key, account)
    if (replay) return replay
    const earlier = await this.knex(ENTRY).where({ reverses_entry_id: original.id }).first()
    if (earlier) {
      return { entry: toEntryDTO(earlier), created: false, balance: account.balance }
    }
    if (original.points === 0) return null

    const base = {
      account,
      type: input.type ?? "reverse",
      source_type: input.source_type,
      source_id: input.source_id,
      idempotency_key: key,
      actor: input.actor,
      reason: input.reason,
      reverses_entry_id: original.id,
    } as const
    if (original.points < 0) {
      // Give a debit back to the lots it consumed, with their original expiry dates.
      const allocations: LotAllocation[] = original.lot_allocations ?? []
      for (const a of allocations) {
        await this.knex(LOT).where({ id: a.lot_id }).increment("remaining", a.points)
      }
      const entry = await this.insertEntry({ ...base, points: -original.points, lot_allocations: allocations })
      return { entry, created: true, balance: entry.balance_after }
    }

    // Take a credit back: from its own lot first, then oldest expiry first; never below zero.
    // Parts already taken back (returns) are not taken twice.
    const wanted = original.points - (await this.partsTakenBack(original.id))
    if (wanted <= 0) return null
    return await this.takeBackCredit(original, wanted, base)
  }

  /**
   * Takes `wanted` points of a credit back: from its own lot first, then oldest expiry first,
   * never below zero (the rest is recorded as `shortfall`). Caller holds the account lock.
   */
  private async takeBackCredit(
    original: { id: string; type: LedgerEntryType },
    wanted: number,
    entry: Omit<NewEntry, "points" | "shortfall" | "lot_allocations" | "lifetime_delta">
  ): Promise<LedgerChangeResult> {
    const { account } = entry
    const take = Math.min(wanted, account.balance)
    const lots = await this.openLots(account.id)
    const own = lots.filter((l) => l.entry_id === original.id)
    const others = lots.filter((l) => l.entry_id !== original.id)
    const { allocations } = allocateFromLots([...own, ...others], take)
    await this.consumeLots(allocations)
    const written = await this.insertEntry({
      ...entry,
      points: -take,
      shortfall: wanted - take,
      lot_allocations: allocations,
      lifetime_delta: EARNING_TYPES.includes(original.type) ? -Math.min(wanted, account.lifetime_earned) : 0,
    })
    return { entry: written, created: true, balance: written.balance_after }
  }

  /**
   * Spends a reservation: a `redeem` entry of 0 points that closes the `reserve` entry (its
   * points were taken when reserved). It takes the reserve entry's one closing slot, the same
   * one a release takes, so a reservation is spent or given back, never both.
   * Caller holds the account lock.
   */
  async settleReservation(input: {
    account: AccountRow
    reserve_entry_id: string
    idempotency_key: string
    source_id: string
    actor?: LedgerActor
    metadata?: Record<string, unknown> | null
  }): Promise<LedgerChangeResult> {
    const { replay, key } = await this.claimKey(input.idempotency_key, input.account)
    if (replay) return replay
    const earlier = await this.knex(ENTRY).where({ reverses_entry_id: input.reserve_entry_id }).first()
    if (earlier) {
      return { entry: toEntryDTO(earlier), created: false, balance: input.account.balance }
    }
    const entry = await this.insertEntry({
      account: input.account,
      type: "redeem",
      points: 0,
      source_type: "redemption",
      source_id: input.source_id,
      idempotency_key: key,
      actor: input.actor,
      reverses_entry_id: input.reserve_entry_id,
      metadata: input.metadata,
      reason: "Reserved points spent on the order",
    })
    return { entry, created: true, balance: entry.balance_after }
  }

  /**
   * Gives back the points of a spent reservation (the order was canceled): a `reverse` entry
   * closing the `redeem` entry, returning the points to the lots the reservation took them
   * from. Once per redeem entry, like every closing entry. Caller holds the account lock.
   */
  async refundSettlement(input: {
    account: AccountRow
    redeem_entry_id: string
    reserve_entry_id: string
    idempotency_key: string
    source_type: LedgerSourceType
    source_id: string
    reason: string
  }): Promise<LedgerChangeResult> {
    const { replay, key } = await this.claimKey(input.idempotency_key, input.account)
    if (replay) return replay
    const earlier = await this.knex(ENTRY).where({ reverses_entry_id: input.redeem_entry_id }).first()
    if (earlier) {
      return { entry: toEntryDTO(earlier), created: false, balance: input.account.balance }
    }
    const reserve = await this.knex(ENTRY).where({ id: input.reserve_entry_id }).first()
    const allocations: LotAllocation[] = reserve?.lot_allocations ?? []
    for (const a of allocations) {
      await this.knex(LOT).where({ id: a.lot_id }).increment("remaining", a.points)
    }
    const entry = await this.insertEntry({
      account: input.account,
      type: "reverse",
      points: -reserve.points,
      source_type: input.source_type,
      source_id: input.source_id,
      idempotency_key: key,
      reverses_entry_id: input.redeem_entry_id,
      lot_allocations: allocations,
      reason: input.reason,
    })
    return { entry, created: true, balance: entry.balance_after }
  }

  /**
   * Takes back part of a credit (items of an order returned): a `reverse` entry of `points`,
   * from the credit's own lot first, never below zero (the rest is recorded as `shortfall`).
   * Never more than what is left of the credit after earlier parts and a full reversal.
   * Idempotent on the key; null when nothing is left to take back.
   */
  async reversePart(input: {
    entry_id: string
    points: number
    idempotency_key: string
    source_type: LedgerSourceType
    source_id: string
    reason: string
  }): Promise<LedgerChangeResult | null> {
    const original = await this.knex(ENTRY).where({ id: input.entry_id }).first()
    if (!original) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Ledger entry ${input.entry_id} was not found`)
    }
    const account = await this.lockAccount(original.account_id)
    const { replay, key } = await this.claimKey(input.idempotency_key, account)
    if (replay) return replay
    const fully = await this.knex(ENTRY).where({ reverses_entry_id: original.id }).first("id")
    const left = fully ? 0 : original.points - (await this.partsTakenBack(original.id))
    const wanted = Math.min(input.points, left)
    if (wanted <= 0) return null
    return await this.takeBackCredit(original, wanted, {
      account,
      type: "reverse",
      source_type: input.source_type,
      source_id: input.source_id,
      idempotency_key: key,
      reason: input.reason,
      metadata: { part_of_entry_id: original.id },
    })
  }

  /** Points of a credit already taken back in parts (taken plus shortfall). */
  async partsTakenBack(entryId: string): Promise<number> {
    // A part a workflow compensation undid does not count.
    const [row] = await this.knex(`${ENTRY} as e`)
      .whereRaw("e.metadata->>'part_of_entry_id' = ?", [entryId])
      .whereNotExists(this.knex(`${ENTRY} as c`).whereRaw("c.reverses_entry_id = e.id").select(this.knex.raw("1")))
      .select(this.knex.raw("coalesce(sum(-e.points + e.shortfall), 0)::int as total"))
    return row?.total ?? 0
  }

  async expireDueLots(accountId: string, now: Date): Promise<LedgerChangeResult[]> {
    const account = await this.lockAccount(accountId)
    return await this.expireDue(account, now)
  }

  /** Writes one `expire` entry per lot past its expiry date. Caller holds the account lock. */
  private async expireDue(account: AccountRow, now: Date): Promise<LedgerChangeResult[]> {
    const due = await this.knex(LOT)
      .where({ account_id: account.id })
      .where("remaining", ">", 0)
      .where("expires_at", "<=", now)
      .whereNull("deleted_at")
      .orderBy([{ column: "expires_at" }, { column: "id" }])
    const results: LedgerChangeResult[] = []
    for (const lot of due) {
      const allocations = [{ lot_id: lot.id, points: lot.remaining }]
      await this.consumeLots(allocations)
      const entry = await this.insertEntry({
        account,
        type: "expire",
        points: -lot.remaining,
        source_type: "job",
        source_id: lot.id,
        idempotency_key: `expire:${lot.id}:${now.getTime()}`,
        reason: `Points expired on ${new Date(lot.expires_at).toISOString().slice(0, 10)}`,
        lot_allocations: allocations,
      })
      results.push({ entry, created: true, balance: entry.balance_after })
    }
    return results
  }

  async accountIdsWithDueLots(now: Date, limit: number): Promise<string[]> {
    const rows = await this.knex(LOT)
      .distinct("account_id")
      .where("remaining", ">", 0)
      .where("expires_at", "<=", now)
      .whereNull("deleted_at")
      .limit(limit)
    return rows.map((r: { account_id: string }) => r.account_id)
  }

  async balanceReport(): Promise<BalanceDrift[]> {
    const { rows } = await this.knex.raw(`
      select a.id as account_id, a.balance as cached_balance,
             coalesce(e.total, 0)::int as ledger_balance,
             coalesce(l.total, 0)::int as lot_balance
        from ${ACCOUNT} a
        left join (select account_id, sum(points) as total from ${ENTRY} group by account_id) e
               on e.account_id = a.id
        left join (select account_id, sum(remaining) as total from ${LOT}
                    where deleted_at is null group by account_id) l
               on l.account_id = a.id
       where a.deleted_at is null
       order by a.id`)
    return rows
  }

  async writeCachedBalance(accountId: string, balance: number) {
    await this.lockAccount(accountId)
    await this.knex(ACCOUNT).where({ id: accountId }).update({ balance, updated_at: new Date() })
  }

  /**
   * The open lots a debit of `points` consumes, oldest expiry first: only those needed, so an
   * account with thousands of small lots does not read them all (served by the partial index
   * on open lots).
   */
  private async lotsCovering(accountId: string, points: number) {
    const { rows } = await this.knex.raw(
      `select id, remaining, entry_id from (
         select id, remaining, entry_id, expires_at, created_at,
                sum(remaining) over (order by expires_at asc nulls last, created_at asc, id asc) - remaining as before
           from ${LOT}
          where account_id = ? and remaining > 0 and deleted_at is null
       ) open_lots
       where before < ?
       order by expires_at asc nulls last, created_at asc, id asc`,
      [accountId, points]
    )
    return rows as { id: string; remaining: number; entry_id: string }[]
  }

  private async openLots(accountId: string) {
    return (await this.knex(LOT)
      .where({ account_id: accountId })
      .where("remaining", ">", 0)
      .whereNull("deleted_at")
      .orderByRaw("expires_at asc nulls last, created_at asc, id asc")
      .select("id", "remaining", "entry_id")) as { id: string; remaining: number; entry_id: string }[]
  }

  private async consumeLots(allocations: LotAllocation[]) {
    for (const a of allocations) {
      await this.knex(LOT).where({ id: a.lot_id }).decrement("remaining", a.points)
    }
  }

  private async defaultExpiry(programId: string): Promise<Date | null> {
    const program = await this.knex(PROGRAM).where({ id: programId }).first("points_validity_months")
    const months = program?.points_validity_months
    if (!months) return null
    const d = new Date()
    d.setUTCMonth(d.getUTCMonth() + months)
    return d
  }

  /** Appends the entry and writes the account's cached balance. Caller holds the lock. */
  private async insertEntry(e: NewEntry): Promise<LedgerEntryDTO> {
    const balanceAfter = e.account.balance + e.points
    if (balanceAfter < 0) {
      throw new MedusaError(
        MedusaError.Types.UNEXPECTED_STATE,
        `Entry would take account ${e.account.id} below zero (${balanceAfter})`
      )
    }
    const [row] = await this.knex(ENTRY)
      .insert({
        id: generateEntityId(undefined, "lent"),
        // The time of the write under the account lock, not the transaction's start (now()):
        // two transactions waiting on one account then list in the order they changed it.
        created_at: this.knex.raw("clock_timestamp()"),
        account_id: e.account.id,
        type: e.type,
        points: e.points,
        balance_after: balanceAfter,
        shortfall: e.shortfall ?? 0,
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
    const lifetime = Math.max(0, e.account.lifetime_earned + (e.lifetime_delta ?? 0))
    await this.knex(ACCOUNT)
      .where({ id: e.account.id })
      .update({ balance: balanceAfter, lifetime_earned: lifetime, updated_at: new Date() })
    e.account.balance = balanceAfter
    e.account.lifetime_earned = lifetime
    return toEntryDTO(row)
  }
}

function toEntryDTO(row: Record<string, any>): LedgerEntryDTO {
  const { deleted_at: _deleted, updated_at: _updated, ...rest } = row
  return rest as LedgerEntryDTO
}
