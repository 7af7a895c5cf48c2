import { MedusaError, generateEntityId } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type {
  CreditPointsInput,
  DebitPointsInput,
  LedgerChangeResult,
  LedgerEntryDTO,
  LedgerEntryType,
  LotAllocation,
  ReverseEntryInput,
} from "../../types"
import { ExpiryStore } from "./expiry-store"
import { type AccountRow, type EntryLabel, LedgerKernel } from "./kernel"
import { LotBook } from "./lots"
import { orderEntries, orderPointsState } from "./order-entries"
import { TABLES } from "./tables"

/** Entry types that count towards an account's lifetime_earned by default. */
const EARNING_TYPES: LedgerEntryType[] = ["earn", "welcome_bonus", "birthday_bonus", "referral_bonus"]

/** Entries that only follow another one: they are undone by undoing that one. */
const NOT_REVERSIBLE: LedgerEntryType[] = ["debt", "debt_paid", "expire", "reverse", "release"]

export type ClawBackInput = {
  /** The credits whose points are taken back: their own lots are taken from first. */
  credit_ids: string[]
  wanted: number
  /** Points of those credits' lots that earlier clawbacks already counted as expired. */
  excused_before: number
  /** Whether the credits counted towards lifetime_earned. */
  counts_as_earned: boolean
  /** Change of points_pending the same entry makes (an order's pending points taken, or given back to pending). */
  pending_change?: number
  entry: EntryLabel
}

/**
 * Credits, debits and their undoing, under the account lock. A clawback takes what the
 * balance holds and records the rest as a debt; every credit and every give-back pays what
 * the account owes first.
 */
export class LedgerStore {
  readonly kernel: LedgerKernel
  readonly lots: LotBook
  readonly expiry: ExpiryStore

  constructor(private readonly knex: Knex.Transaction) {
    this.kernel = LedgerKernel.for(knex)
    this.lots = new LotBook(knex)
    this.expiry = new ExpiryStore(knex)
  }

  async program(programId: string) {
    const program = await this.knex(TABLES.program).where({ id: programId }).whereNull("deleted_at").first()
    if (!program) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Loyalty program ${programId} was not found`)
    }
    return program as { id: string; welcome_bonus_points: number; points_validity_months: number | null }
  }

  /** Inserts the account unless the customer already has one in the program. */
  async insertAccount(input: { program_id: string; customer_id: string; card_number: string; locale: string | null; referral_code?: string | null }) {
    const inserted = await this.knex(TABLES.account)
      .insert({
        id: generateEntityId(undefined, "lacct"),
        ...input,
        status: "active",
        balance: 0,
        points_owed: 0,
        lifetime_earned: 0,
        enrolled_at: new Date(),
      })
      .onConflict(["program_id", "customer_id"])
      .ignore()
      .returning("id")
    if (inserted.length) return { account_id: inserted[0].id as string, created: true }
    const existing = await this.knex(TABLES.account)
      .where({ program_id: input.program_id, customer_id: input.customer_id })
      .first("id")
    return { account_id: existing.id as string, created: false }
  }

  async credit(input: CreditPointsInput): Promise<LedgerChangeResult> {
    return await this.kernel.withAccount(input.account_id, async (account) => {
      const { replay, key } = await this.kernel.claimKey(input.idempotency_key, account)
      if (replay) return replay
      return await this.creditLocked(account, { ...input, idempotency_key: key })
    })
  }

  /**
   * A credit on a locked account whose key was claimed: a new lot, then the debt paid. With the
   * program's activity_extends_validity, an earning first moves the account's open lots out to
   * the new lot's expiry (recorded on the entry: `extended_lots`, `extended_to`). `now` is the
   * credit's clock (the validity counts from it; default: the time it runs).
   */
  async creditLocked(
    account: AccountRow,
    input: Omit<CreditPointsInput, "type"> & { type: LedgerEntryType; pending_change?: number; now?: Date }
  ): Promise<LedgerChangeResult> {
    const now = input.now ?? new Date()
    const expiresAt = input.expires_at !== undefined ? input.expires_at : await this.expiry.defaultExpiry(account.program_id, now)
    const counts = input.counts_as_earned ?? EARNING_TYPES.includes(input.type)
    const extension = await this.expiry.extendOpenLots(account, { type: input.type, points: input.points, expires_at: expiresAt }, now)
    const entry = await this.kernel.insertEntry(account, {
      type: input.type,
      points: input.points,
      earned_change: counts ? input.points : 0,
      pending_change: input.pending_change,
      source_type: input.source_type,
      source_id: input.source_id,
      idempotency_key: input.idempotency_key,
      actor: input.actor,
      reason: input.reason,
      metadata: extension ? { ...(input.metadata ?? {}), ...extension } : input.metadata,
    })
    await this.lots.create({ account_id: account.id, entry_id: entry.id, points: input.points, expires_at: expiresAt })
    const debt = await this.payDebt(account, entry)
    return this.kernel.result(entry, true, account, debt)
  }

  async debit(input: DebitPointsInput): Promise<LedgerChangeResult> {
    return await this.kernel.withAccount(input.account_id, async (account) => {
      const { replay, key } = await this.kernel.claimKey(input.idempotency_key, account)
      if (replay) return replay
      if (input.type !== "expire") {
        // Points past their expiry date cannot be spent, even before the expiry job ran.
        await this.expiry.expireDue(account, new Date())
      }
      if (account.balance < input.points) {
        throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Not enough points: balance ${account.balance}, ${input.points} requested`)
      }
      const allocations = await this.lots.allocate(account.id, input.points)
      await this.lots.consume(allocations)
      const entry = await this.kernel.insertEntry(account, {
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
      return this.kernel.result(entry, true, account)
    })
  }

  /**
   * Undoes an entry with a new one that closes it (once): a debit goes back to the lots it
   * used, a credit is clawed back. Null when there is nothing to undo (an entry of 0 points).
   * The new entry keeps the original's source unless the input names one.
   */
  async reverse(input: ReverseEntryInput): Promise<LedgerChangeResult | null> {
    const original = await this.kernel.entry(input.entry_id)
    if (original.points === 0) return null
    if (NOT_REVERSIBLE.includes(original.type)) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `A ${original.type} entry (${original.id}) cannot be reversed on its own: undo the entry it follows`
      )
    }
    const label: EntryLabel = {
      type: input.type ?? "reverse",
      source_type: input.source_type ?? original.source_type,
      source_id: input.source_id !== undefined ? input.source_id : original.source_id,
      idempotency_key: input.idempotency_key,
      actor: input.actor,
      reason: input.reason,
      reverses_entry_id: original.id,
      metadata: input.metadata,
    }
    return await this.kernel.withAccount(original.account_id, (account) =>
      this.kernel.closeEntry(account, { key: input.idempotency_key, closes: original.id }, async (key) => {
        if (original.points < 0) {
          return await this.giveBack(account, { ...label, idempotency_key: key }, -original.points, original.lot_allocations ?? [])
        }
        // Undoing a maturation takes its points back to pending: the order's points stay whole.
        const matured = original.type === "mature"
        const wanted = matured ? original.points : await this.leftOfCredit(original)
        if (wanted <= 0) return null
        return await this.clawBack(account, {
          credit_ids: [original.id],
          wanted,
          excused_before: 0,
          counts_as_earned: original.earned_change > 0,
          pending_change: matured ? -original.pending_change : 0,
          entry: { ...label, idempotency_key: key },
        })
      })
    )
  }

  /**
   * Gives points back to the lots they were taken from (a release, a refund, a reversed
   * debit), then pays what the account owes from them. Caller holds the lock.
   */
  async giveBack(account: AccountRow, label: EntryLabel, points: number, allocations: LotAllocation[]): Promise<LedgerChangeResult> {
    const { restored, repaid } = await this.routeToCovers(account.id, allocations)
    await this.lots.restore(restored)
    const metadata = repaid.length ? { ...(label.metadata ?? {}), repaid_covers: repaid } : label.metadata
    const entry = await this.kernel.insertEntry(account, { ...label, metadata, points, lot_allocations: restored })
    const debt = await this.payDebt(account, entry)
    return this.kernel.result(entry, true, account, debt)
  }

  /**
   * Takes `wanted` points of credits back. Points of their lots that already expired are gone
   * and are not taken twice; of the rest, what the balance holds is taken (the credits' own
   * lots first), and what it cannot cover (spent or reserved points) becomes a `debt` entry.
   * Caller holds the lock.
   */
  async clawBack(account: AccountRow, input: ClawBackInput): Promise<LedgerChangeResult> {
    const lotIds = await this.lots.lotIdsOf(input.credit_ids)
    const expired = await this.lots.expiredFrom(account.id, lotIds)
    const excused = Math.min(input.wanted, Math.max(0, expired - input.excused_before))
    const take = Math.min(input.wanted - excused, account.balance)
    const allocations = await this.lots.allocate(account.id, take, lotIds)
    await this.lots.consume(allocations)
    // Points taken from other lots stand in for the credits' own, which are reserved or spent:
    // when those come back to the credits' lots, they go to the lots that stood in (routeToCovers).
    const covers = allocations.filter((a) => !lotIds.includes(a.lot_id))
    const owed = input.wanted - excused - take
    const entry = await this.kernel.insertEntry(account, {
      ...input.entry,
      points: -take,
      shortfall: input.wanted - take,
      earned_change: input.counts_as_earned ? -input.wanted : 0,
      pending_change: input.pending_change,
      lot_allocations: allocations,
      metadata: {
        ...(input.entry.metadata ?? {}),
        ...(excused ? { expired_excused: excused } : {}),
        ...(covers.length ? { covers, for_lots: lotIds } : {}),
      },
    })
    const debt =
      owed > 0
        ? await this.kernel.insertEntry(account, {
            type: "debt",
            points: 0,
            owed_change: owed,
            source_type: input.entry.source_type,
            source_id: input.entry.source_id,
            idempotency_key: `${entry.idempotency_key}:debt`,
            actor: input.entry.actor,
            reason: `${owed} points could not be taken back (already spent or reserved): owed, paid from the next points`,
            metadata: { for_entry_id: entry.id },
          })
        : null
    return this.kernel.result(entry, true, account, debt)
  }

  /**
   * Where points given back to their lots must go. A clawback that found a credit's own lots
   * empty (their points reserved or spent) took from other lots instead, which then stood in
   * for them; when points come back to those own lots, as many as are still covered go to the
   * lots that stood in, so the shopper's other points keep their own expiry dates and nothing
   * is expired twice. Returns the allocations to restore and the covers they repay.
   */
  private async routeToCovers(accountId: string, allocations: LotAllocation[]) {
    const repaid: { entry_id: string; lot_id: string; points: number }[] = []
    if (!allocations.length) return { restored: allocations, repaid }
    const rows = await this.knex(TABLES.entry)
      .where({ account_id: accountId })
      .whereRaw("(metadata->'covers' is not null or metadata->'repaid_covers' is not null)")
      .orderBy([{ column: "created_at" }, { column: "id" }])
      .select("id", "metadata")
    const coverRows = rows.filter((r: { metadata: Record<string, unknown> }) => r.metadata.covers)
    if (!coverRows.length) return { restored: allocations, repaid }
    const repaidRows = rows.filter((r: { metadata: Record<string, unknown> }) => r.metadata.repaid_covers)
    const outstanding = new Map<string, number>()
    const keyOf = (entryId: string, lotId: string) => `${entryId}:${lotId}`
    for (const row of coverRows) {
      for (const c of row.metadata.covers as LotAllocation[]) outstanding.set(keyOf(row.id, c.lot_id), (outstanding.get(keyOf(row.id, c.lot_id)) ?? 0) + c.points)
    }
    for (const row of repaidRows) {
      for (const r of row.metadata.repaid_covers as { entry_id: string; lot_id: string; points: number }[]) {
        outstanding.set(keyOf(r.entry_id, r.lot_id), (outstanding.get(keyOf(r.entry_id, r.lot_id)) ?? 0) - r.points)
      }
    }
    const restored = new Map<string, number>()
    for (const a of allocations) {
      let left = a.points
      for (const row of coverRows) {
        if (left <= 0) break
        if (!(row.metadata.for_lots as string[]).includes(a.lot_id)) continue
        for (const c of row.metadata.covers as LotAllocation[]) {
          const open = outstanding.get(keyOf(row.id, c.lot_id)) ?? 0
          const move = Math.min(left, open)
          if (move <= 0) continue
          outstanding.set(keyOf(row.id, c.lot_id), open - move)
          restored.set(c.lot_id, (restored.get(c.lot_id) ?? 0) + move)
          repaid.push({ entry_id: row.id, lot_id: c.lot_id, points: move })
          left -= move
          if (left <= 0) break
        }
      }
      if (left > 0) restored.set(a.lot_id, (restored.get(a.lot_id) ?? 0) + left)
    }
    return { restored: [...restored].map(([lot_id, points]) => ({ lot_id, points })), repaid }
  }

  /** Pays what the account owes from its balance, after `after` (a credit or give-back). */
  private async payDebt(account: AccountRow, after: LedgerEntryDTO): Promise<LedgerEntryDTO | null> {
    const pay = Math.min(account.points_owed, account.balance)
    if (pay <= 0) return null
    const allocations = await this.lots.allocate(account.id, pay)
    await this.lots.consume(allocations)
    return await this.kernel.insertEntry(account, {
      type: "debt_paid",
      points: -pay,
      owed_change: -pay,
      source_type: after.source_type,
      source_id: after.source_id,
      idempotency_key: `${after.idempotency_key}:debt_paid`,
      reason: `${pay} points paid what the account owed`,
      metadata: { after_entry_id: after.id },
      lot_allocations: allocations,
    })
  }

  /**
   * What is left to take back of a credit: its points minus the parts returns took (written
   * before order points were settled as a whole), or for an order's credit at most what the
   * order still holds.
   */
  private async leftOfCredit(original: LedgerEntryDTO): Promise<number> {
    const [row] = await this.knex(`${TABLES.entry} as e`)
      .whereRaw("e.metadata->>'part_of_entry_id' = ?", [original.id])
      .whereNotExists(this.knex(`${TABLES.entry} as c`).whereRaw("c.reverses_entry_id = e.id").select(this.knex.raw("1")))
      .select(this.knex.raw("coalesce(sum(-e.points + e.shortfall), 0)::int as total"))
    let left = original.points - (row?.total ?? 0)
    if (original.source_type === "order" && original.source_id) {
      const order = orderPointsState(original.source_id, await orderEntries(this.knex, original.source_id, original.account_id))
      left = Math.min(left, order.net)
    }
    return Math.max(0, left)
  }
}
