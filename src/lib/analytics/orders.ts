import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { AnalyticsScope } from "./scope"

/**
 * The orders a report counts: placed (not drafts, not deleted, not canceled), not flagged as test
 * (`metadata.rewardflow_test`) nor of a test member, in the sales channel and currency asked for.
 * `o` is the order; `member` the customer's account in the program, if any; `joins` go before the
 * conditions (which the caller may extend with `and ...`).
 */
export function ordersFrom(scope: AnalyticsScope, joins = ""): { sql: string; bindings: Knex.RawBinding[] } {
  const bindings: Knex.RawBinding[] = [scope.program_id]
  const where = [
    "o.deleted_at is null",
    "o.is_draft_order = false",
    "o.status <> 'canceled'",
    "o.canceled_at is null",
    ...(scope.include_test ? [] : ["coalesce(o.metadata->>'rewardflow_test', 'false') <> 'true'", "coalesce(member.is_test, false) = false"]),
  ]
  if (scope.sales_channel_id) {
    where.push("o.sales_channel_id = ?")
    bindings.push(scope.sales_channel_id)
  }
  if (scope.currency_code) {
    where.push("lower(o.currency_code) = ?")
    bindings.push(scope.currency_code)
  }
  return {
    sql: `"order" o
      left join loyalty_account member on member.customer_id = o.customer_id and member.program_id = ? and member.deleted_at is null
      ${joins}
      where ${where.join(" and ")}`,
    bindings,
  }
}
