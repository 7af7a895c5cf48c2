import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { type AnalyticsScope, periodsRelation, realAccounts } from "./scope"

/**
 * The ledger entries a report counts: the program's, not of test accounts, narrowed by the
 * filters. An entry's sales channel and currency are its order's (an order's own entries, a
 * return's, a redemption's once placed) or, before the order, its cart's; an in-store entry has
 * its store (source_id) and the receipt's currency. Entries with no such dimension (enrollment,
 * birthday, referral, expiry, admin adjustments) fall out when the filter is set.
 */
export function entriesFrom(knex: Knex, scope: AnalyticsScope): { sql: string; bindings: Knex.RawBinding[] } {
  const bindings: Knex.RawBinding[] = [scope.program_id]
  let sql = `loyalty_ledger_entry e
    join loyalty_account a on a.id = e.account_id and a.program_id = ? and ${realAccounts(scope)}
    left join loyalty_ledger_entry x on x.id = e.reverses_entry_id`
  const where: string[] = ["e.deleted_at is null"]
  if (scope.sales_channel_id || scope.currency_code) {
    sql += `
    left join "return" rt on e.source_type = 'return' and rt.id = e.source_id
    left join loyalty_redemption rd on e.source_type = 'redemption' and rd.id = e.source_id
    left join "order" o on o.id = case e.source_type when 'order' then e.source_id when 'return' then rt.order_id when 'redemption' then rd.order_id end
    left join cart c on e.source_type = 'redemption' and rd.order_id is null and c.id = rd.cart_id`
    if (scope.sales_channel_id) {
      where.push("coalesce(o.sales_channel_id, c.sales_channel_id) = ?")
      bindings.push(scope.sales_channel_id)
    }
    if (scope.currency_code) {
      where.push("lower(coalesce(o.currency_code, rd.currency_code, e.metadata->>'currency_code')) = ?")
      bindings.push(scope.currency_code)
    }
  }
  if (scope.stock_location_id) {
    where.push("e.source_type = 'terminal' and e.source_id = ?")
    bindings.push(scope.stock_location_id)
  }
  return { sql: `${sql} where ${where.join(" and ")}`, bindings }
}

/** What each entry adds to the figures (SQL over `e` and the entry it closes, `x`). */
const DELTAS = {
  issued: "greatest(e.earned_change, 0)",
  reversed: "greatest(-e.earned_change, 0)",
  expired: "case when e.type = 'expire' then -e.points else 0 end",
  adjusted: "case when e.type = 'adjust' then e.points else 0 end",
  // Spent: an in-store redemption's points, or an online reservation's when the order captured
  // it; less what a canceled order's refund gave back.
  redeemed: `case
      when e.type = 'redeem' and e.points < 0 then -e.points
      when e.type = 'redeem' and x.type = 'reserve' then -x.points
      when e.type = 'reverse' and x.type = 'redeem' then -e.points
      else 0 end`,
  // Held for a cart: reserved, then released or spent.
  reserved: `case
      when e.type = 'reserve' then -e.points
      when e.type = 'release' and x.type = 'reserve' then -e.points
      when e.type = 'redeem' and x.type = 'reserve' then x.points
      else 0 end`,
  points: "e.points",
  pending: "e.pending_change",
  owed: "e.owed_change",
} as const

export type EntrySums = Record<keyof typeof DELTAS, number>
const ZERO: EntrySums = Object.fromEntries(Object.keys(DELTAS).map((k) => [k, 0])) as EntrySums

const sums = () => Object.entries(DELTAS).map(([k, expr]) => `coalesce(sum(${expr}), 0)::bigint as "${k}"`).join(", ")
const numbers = (row: Record<string, unknown> | undefined): EntrySums =>
  row ? (Object.fromEntries(Object.keys(DELTAS).map((k) => [k, Number(row[k] ?? 0)])) as EntrySums) : { ...ZERO }

/**
 * The figures' sums per bucket (and `total` for the whole range), and `opening`: the sums of
 * everything before the range, from which balances at each bucket's end are running sums.
 */
export async function entrySums(knex: Knex, scope: AnalyticsScope): Promise<{ opening: EntrySums; byKey: Map<string, EntrySums> }> {
  const from = entriesFrom(knex, scope)
  const p = periodsRelation(knex, scope, true)
  const [opening, buckets] = await Promise.all([
    knex.raw(`select ${sums()} from ${from.sql} and e.created_at < ?`, [...from.bindings, scope.start.toISOString()]),
    knex.raw(`select p.key, ${sums()} from ${p.toQuery()} cross join ${from.sql} and e.created_at >= p.s and e.created_at < p.e group by p.key`, from.bindings),
  ])
  const byKey = new Map<string, EntrySums>()
  for (const row of buckets.rows) byKey.set(row.key, numbers(row))
  return { opening: numbers(opening.rows[0]), byKey }
}

export const sumsAt = (byKey: Map<string, EntrySums>, key: string): EntrySums => byKey.get(key) ?? { ...ZERO }
