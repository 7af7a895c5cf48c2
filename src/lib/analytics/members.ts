import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { entriesFrom } from "./entries"
import { ordersFrom } from "./orders"
import { type AnalyticsScope, filtersOf, periodsRelation, periodView, share, realAccounts } from "./scope"

type Row = Record<string, any>

/**
 * The members report per bucket and over the range (definitions in README "Analytics"): total at
 * the end, new, active (earned or redeemed), customers who ordered and how many of them were
 * members by the end, the enrollment rate.
 */
export async function membersReport(knex: Knex, scope: AnalyticsScope) {
  const p = periodsRelation(knex, scope, true).toQuery()
  const entries = entriesFrom(knex, scope)
  const orders = ordersFrom(scope)
  const accounts = `a.program_id = ? and ${realAccounts(scope)} and a.deleted_at is null`
  const [opening, enrolled, active, ordered] = await Promise.all([
    knex.raw(`select count(*)::int as n from loyalty_account a where ${accounts} and a.enrolled_at < ?`, [scope.program_id, scope.start.toISOString()]),
    knex.raw(
      `select p.key, count(a.id)::int as new
       from ${p} join loyalty_account a on ${accounts} and a.enrolled_at >= p.s and a.enrolled_at < p.e
       group by p.key`,
      [scope.program_id]
    ),
    knex.raw(
      `select p.key, count(distinct e.account_id)::int as active
       from ${p} cross join ${entries.sql} and e.created_at >= p.s and e.created_at < p.e and (e.earned_change > 0 or e.type = 'redeem')
       group by p.key`,
      entries.bindings
    ),
    knex.raw(
      `select p.key, count(distinct o.customer_id)::int as customers_ordered,
         count(distinct o.customer_id) filter (where member.id is not null and member.enrolled_at < p.e)::int as members_ordered
       from ${p} cross join ${orders.sql} and o.created_at >= p.s and o.created_at < p.e and o.customer_id is not null
       group by p.key`,
      orders.bindings
    ),
  ])
  const at = (rows: Row[], key: string, field: string) => Number(rows.find((r) => r.key === key)?.[field] ?? 0)
  // Members at a bucket's end: those enrolled before the range plus the new ones up to that bucket.
  const totals = new Map<string, number>()
  let running = Number(opening.rows[0].n)
  for (const q of scope.periods) totals.set(q.key, (running += at(enrolled.rows, q.key, "new")))
  totals.set("total", Number(opening.rows[0].n) + at(enrolled.rows, "total", "new"))
  const figures = (key: string) => {
    const customers = at(ordered.rows, key, "customers_ordered")
    const members = at(ordered.rows, key, "members_ordered")
    return {
      total: totals.get(key) ?? 0,
      new: at(enrolled.rows, key, "new"),
      active: at(active.rows, key, "active"),
      customers_ordered: customers,
      members_ordered: members,
      enrollment_rate: share(members, customers),
    }
  }
  return {
    period: periodView(scope),
    // Enrollment is not tied to a channel, store or currency: totals and new count every member.
    filters: filtersOf(scope, ["sales_channel_id", "currency_code", "stock_location_id"]),
    totals: figures("total"),
    periods: scope.periods.map((q) => ({ period: q.key, ...figures(q.key) })),
  }
}
