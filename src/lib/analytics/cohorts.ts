import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { ordersFrom } from "./orders"
import { type AnalyticsScope, filtersOf, periodView, share, realAccounts } from "./scope"

type Row = Record<string, any>
const monthIndex = (key: string) => {
  const [y, m] = key.split("-").map(Number)
  return y * 12 + (m - 1)
}

/**
 * The retention triangle: a cohort is the members enrolled in one calendar month of the range
 * (program's zone); cell (cohort, k) is the share of them who placed an order (as counted by the
 * revenue report) in the k-th month after enrolling (k = 0: the month they enrolled, after
 * enrolling), up to the range's last month.
 */
export async function cohortsReport(knex: Knex, scope: AnalyticsScope) {
  const tz = scope.time_zone
  const month = (col: string) => `(extract(year from ${col} at time zone '${tz.replace(/'/g, "")}') * 12 + extract(month from ${col} at time zone '${tz.replace(/'/g, "")}') - 1)::int`
  const range = [scope.start.toISOString(), scope.end.toISOString()]
  const orders = ordersFrom(scope)
  const cohortOf = `to_char(a.enrolled_at at time zone '${tz.replace(/'/g, "")}', 'YYYY-MM')`
  const [sizes, cells] = await Promise.all([
    knex.raw(
      `select ${cohortOf} as cohort, count(*)::int as members from loyalty_account a
       where a.program_id = ? and ${realAccounts(scope)} and a.deleted_at is null and a.enrolled_at >= ? and a.enrolled_at < ?
       group by 1 order by 1`,
      [scope.program_id, ...range]
    ),
    knex.raw(
      `select ${cohortOf} as cohort, ${month("o.created_at")} - ${month("a.enrolled_at")} as k, count(distinct a.id)::int as customers
       from loyalty_account a cross join ${orders.sql}
         and a.program_id = ? and ${realAccounts(scope)} and a.deleted_at is null and a.enrolled_at >= ? and a.enrolled_at < ?
         and o.customer_id = a.customer_id and o.created_at >= a.enrolled_at and o.created_at < ?
       group by 1, 2`,
      [...orders.bindings, scope.program_id, ...range, scope.end.toISOString()]
    ),
  ])
  const last = monthIndex(scope.to.slice(0, 7))
  return {
    period: periodView(scope),
    filters: filtersOf(scope, ["sales_channel_id", "currency_code"]),
    cohorts: (sizes.rows as Row[]).map((c) => {
      const width = last - monthIndex(c.cohort) + 1
      return {
        cohort: c.cohort as string,
        members: c.members as number,
        cells: Array.from({ length: width }, (_, k) => {
          const customers = Number((cells.rows as Row[]).find((r) => r.cohort === c.cohort && Number(r.k) === k)?.customers ?? 0)
          return { k, customers, share: share(customers, c.members) }
        }),
      }
    }),
  }
}
