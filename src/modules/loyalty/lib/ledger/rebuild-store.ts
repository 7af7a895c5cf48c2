import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { BalanceDrift } from "../../types"
import { LedgerKernel } from "./kernel"
import { TABLES } from "./tables"

type Sums = Omit<BalanceDrift, "lots" | "cached_points_pending" | "ledger_points_pending"> & {
  cached_points_pending: number
  ledger_points_pending: number
}

type LotDrift = { account_id: string; lot_id: string; points: number; remaining: number; expected: number }

/**
 * What a lot should hold by its entries: what it was given, less what entries took from it,
 * plus what entries gave back to it (both recorded in `lot_allocations`, told apart by the
 * sign of the entry's points).
 */
const EXPECTED_LOTS = `
  select l.account_id, l.id as lot_id, l.points, l.remaining, (l.points - coalesce(u.used, 0))::int as expected
    from ${TABLES.lot} l
    left join (
      select a->>'lot_id' as lot_id,
             sum(case when e.points < 0 then (a->>'points')::int else -(a->>'points')::int end) as used
        from ${TABLES.entry} e, jsonb_array_elements(e.lot_allocations) a
       where jsonb_typeof(e.lot_allocations) = 'array' and (:account_id::text is null or e.account_id = :account_id)
       group by 1
    ) u on u.lot_id = l.id
   where l.deleted_at is null and (:account_id::text is null or l.account_id = :account_id)`

const SUMS = `
  select a.id as account_id,
         a.balance as cached_balance, coalesce(e.balance, 0)::int as ledger_balance, coalesce(l.total, 0)::int as lot_balance,
         a.points_owed as cached_points_owed, coalesce(e.owed, 0)::int as ledger_points_owed,
         a.lifetime_earned as cached_lifetime_earned, coalesce(e.earned, 0)::int as ledger_lifetime_earned,
         a.points_pending as cached_points_pending, coalesce(e.pending, 0)::int as ledger_points_pending
    from ${TABLES.account} a
    left join (select account_id, sum(points) as balance, sum(owed_change) as owed, sum(earned_change) as earned,
                      sum(pending_change) as pending
                 from ${TABLES.entry} where (:account_id::text is null or account_id = :account_id) group by account_id) e
           on e.account_id = a.id
    left join (select account_id, sum(remaining) as total from ${TABLES.lot}
                where deleted_at is null and (:account_id::text is null or account_id = :account_id) group by account_id) l
           on l.account_id = a.id
   where a.deleted_at is null and (:account_id::text is null or a.id = :account_id)
   order by a.id`

const drifted = (s: Sums, lots: LotDrift[]) =>
  s.cached_balance !== s.ledger_balance ||
  s.lot_balance !== s.ledger_balance ||
  s.cached_points_owed !== s.ledger_points_owed ||
  s.cached_lifetime_earned !== s.ledger_lifetime_earned ||
  s.cached_points_pending !== s.ledger_points_pending ||
  lots.length > 0

/** A drift as reported: the pending figures only for an account that has pending points by either. */
const asDrift = ({ cached_points_pending, ledger_points_pending, ...s }: Sums, lots: LotDrift[]): BalanceDrift => ({
  ...s,
  ...(cached_points_pending || ledger_points_pending ? { cached_points_pending, ledger_points_pending } : {}),
  lots: lots.map(({ lot_id, remaining, expected }) => ({ lot_id, remaining, expected })),
})

/**
 * The ledger checked against its caches: every account's balance, owed points, lifetime
 * points and pending points against the sums of its entries, and every lot against the entries that used it.
 * The entries are the truth; `repair` rewrites the caches and lots from them, account by
 * account under the account lock.
 */
export class RebuildStore {
  private readonly kernel: LedgerKernel

  constructor(private readonly knex: Knex.Transaction) {
    this.kernel = LedgerKernel.for(knex)
  }

  async report(accountId: string | null = null): Promise<{ accounts_checked: number; drift: BalanceDrift[] }> {
    const { rows: sums } = await this.knex.raw(SUMS, { account_id: accountId })
    const { rows: lotRows } = await this.knex.raw(`${EXPECTED_LOTS} and l.remaining <> (l.points - coalesce(u.used, 0))`, {
      account_id: accountId,
    })
    const lotsByAccount = new Map<string, LotDrift[]>()
    for (const l of lotRows as LotDrift[]) lotsByAccount.set(l.account_id, [...(lotsByAccount.get(l.account_id) ?? []), l])
    const drift = (sums as Sums[])
      .filter((s) => drifted(s, lotsByAccount.get(s.account_id) ?? []))
      .map((s) => asDrift(s, lotsByAccount.get(s.account_id) ?? []))
    return { accounts_checked: sums.length, drift }
  }

  /**
   * Rewrites one account from its entries while holding its lock: what was read before the
   * lock is read again under it, so a change that landed in between is not overwritten.
   * Returns the problem when the entries themselves are inconsistent (nothing is written then).
   */
  async repair(accountId: string): Promise<string | null> {
    return await this.kernel.withAccount(accountId, async (account) => {
      const { rows: lots } = await this.knex.raw(EXPECTED_LOTS, { account_id: accountId })
      const impossible = (lots as LotDrift[]).find((l) => l.expected < 0 || l.expected > l.points)
      if (impossible) {
        return `lot ${impossible.lot_id}: its entries say it holds ${impossible.expected} of ${impossible.points} points`
      }
      const [sums] = (await this.knex.raw(SUMS, { account_id: accountId })).rows as Sums[]
      const lotTotal = (lots as LotDrift[]).reduce((s, l) => s + l.expected, 0)
      if (lotTotal !== sums.ledger_balance) {
        return `its lots would hold ${lotTotal} points by their entries, its entries sum to ${sums.ledger_balance}`
      }
      if (sums.ledger_balance < 0 || sums.ledger_points_owed < 0 || (sums.ledger_balance > 0 && sums.ledger_points_owed > 0)) {
        return `its entries sum to a balance of ${sums.ledger_balance} while owing ${sums.ledger_points_owed}`
      }
      if (sums.ledger_points_pending < 0) return `its entries sum to ${sums.ledger_points_pending} pending points`
      for (const l of lots as LotDrift[]) {
        if (l.remaining !== l.expected) await this.knex(TABLES.lot).where({ id: l.lot_id }).update({ remaining: l.expected, updated_at: new Date() })
      }
      // The account's cached sums are written by withAccount when this change completes.
      account.balance = sums.ledger_balance
      account.points_owed = sums.ledger_points_owed
      account.lifetime_earned = sums.ledger_lifetime_earned
      account.points_pending = sums.ledger_points_pending
      return null
    })
  }
}
