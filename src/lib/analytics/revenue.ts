import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import BigNumberJS from "bignumber.js"
import { ordersFrom } from "./orders"
import { type AnalyticsScope, filtersOf, periodView, share } from "./scope"

/** How revenue is measured, said in every answer (README "Analytics"). */
export const REVENUE_BASIS = "order_total_incl_tax_and_shipping_net_of_returns_and_refunds"

type Row = Record<string, any>

/**
 * Revenue of members and non-members over the range, per currency. An order's revenue is its
 * total as Medusa holds it now (`order_summary.totals.current_order_total` of its current version,
 * what the admin shows as the order's total): items after discounts, with tax and shipping, less
 * returns received and refunds made without a return. A member's order is one placed while the
 * customer held an account (enrolled at or before the order). Guests are non-members.
 */
export async function revenueReport(knex: Knex, scope: AnalyticsScope, digitsOf: (currency: string) => number) {
  const orders = ordersFrom(scope)
  // The order's current version: what Medusa's admin shows as its total.
  const totals = ordersFrom(
    scope,
    "join lateral (select s.totals from order_summary s where s.order_id = o.id and s.deleted_at is null order by s.version desc limit 1) s on true"
  )
  const range = [scope.start.toISOString(), scope.end.toISOString()]
  const [segments, repeat] = await Promise.all([
    knex.raw(
      `select lower(o.currency_code) as currency_code,
         case when member.id is not null and member.enrolled_at <= o.created_at then 'members' else 'non_members' end as segment,
         count(*)::int as orders,
         count(distinct coalesce(o.customer_id, o.id))::int as customers,
         coalesce(sum((s.totals->>'current_order_total')::numeric), 0)::text as revenue
       from ${totals.sql} and o.created_at >= ? and o.created_at < ?
       group by 1, 2 order by 1, 2`,
      [...totals.bindings, ...range]
    ),    knex.raw(
      `select count(*)::int as customers, count(*) filter (where n >= 2)::int as repeat
       from (select o.customer_id, count(*) as n from ${orders.sql} and o.created_at >= ? and o.created_at < ? and o.customer_id is not null group by o.customer_id) c`,
      [...orders.bindings, ...range]
    ),
  ])
  const rows = (segments.rows as Row[]).map((r) => {
    const digits = digitsOf(r.currency_code)
    const revenue = new BigNumberJS(r.revenue)
    return {
      currency_code: r.currency_code,
      segment: r.segment as "members" | "non_members",
      orders: r.orders,
      customers: r.customers,
      revenue: revenue.toFixed(digits, BigNumberJS.ROUND_HALF_UP),
      average_order_value: r.orders ? revenue.div(r.orders).toFixed(digits, BigNumberJS.ROUND_HALF_UP) : null,
    }
  })
  const { customers, repeat: repeaters } = repeat.rows[0] as Row
  return {
    period: periodView(scope),
    filters: filtersOf(scope, ["sales_channel_id", "currency_code"]),
    basis: REVENUE_BASIS,
    customers_ordered: customers,
    repeat_customers: repeaters,
    repeat_purchase_rate: share(repeaters, customers),
    rows,
  }
}
