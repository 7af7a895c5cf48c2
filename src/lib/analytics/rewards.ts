import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import BigNumberJS from "bignumber.js"
import { type AnalyticsScope, filtersOf, periodView, realAccounts } from "./scope"

type Row = Record<string, any>

/**
 * Rewards redeemed in the range: online redemptions spent on an order (status redeemed, by
 * `redeemed_at`; a canceled order's refunded redemption does not count) and rewards redeemed at a
 * till. Points as money (no reward) is one row with `reward_id` null. Discount given: what the
 * redemption's promotion took off the order (its line and shipping adjustments), per currency; a
 * till redemption has no recorded discount.
 */
export async function rewardsReport(knex: Knex, scope: AnalyticsScope, digitsOf: (currency: string) => number) {
  const range = [scope.start.toISOString(), scope.end.toISOString()]
  const online = scope.stock_location_id
    ? { rows: [] as Row[] }
    : await knex.raw(
        `select rd.reward_id, lower(rd.currency_code) as currency_code, count(*)::int as redemptions, sum(rd.points)::bigint as points,
           coalesce(sum(
             coalesce((select sum(adj.amount) from order_line_item_adjustment adj
                       where adj.code = rd.promotion_code and adj.deleted_at is null
                         and adj.item_id in (select oi.item_id from order_item oi where oi.order_id = rd.order_id)), 0)
           + coalesce((select sum(sa.amount) from order_shipping_method_adjustment sa
                       where sa.code = rd.promotion_code and sa.deleted_at is null
                         and sa.shipping_method_id in (select os.shipping_method_id from order_shipping os where os.order_id = rd.order_id)), 0)
           ), 0)::text as discount
         from loyalty_redemption rd
         join loyalty_account a on a.id = rd.account_id and a.program_id = ? and ${realAccounts(scope)}
         left join "order" o on o.id = rd.order_id
         where rd.deleted_at is null and rd.status = 'redeemed' and rd.redeemed_at >= ? and rd.redeemed_at < ?
           ${scope.sales_channel_id ? "and o.sales_channel_id = ?" : ""}
           ${scope.currency_code ? "and lower(rd.currency_code) = ?" : ""}
         group by 1, 2`,
        [scope.program_id, ...range, ...(scope.sales_channel_id ? [scope.sales_channel_id] : []), ...(scope.currency_code ? [scope.currency_code] : [])]
      )
  const inStore =
    scope.sales_channel_id || scope.currency_code
      ? { rows: [] as Row[] }
      : await knex.raw(
          `select e.metadata->>'reward_id' as reward_id, count(*)::int as redemptions, sum(-e.points)::bigint as points
           from loyalty_ledger_entry e join loyalty_account a on a.id = e.account_id and a.program_id = ? and ${realAccounts(scope)}
           where e.deleted_at is null and e.type = 'redeem' and e.source_type = 'terminal' and e.created_at >= ? and e.created_at < ?
             ${scope.stock_location_id ? "and e.source_id = ?" : ""}
           group by 1`,
          [scope.program_id, ...range, ...(scope.stock_location_id ? [scope.stock_location_id] : [])]
        )
  const byReward = new Map<string, { reward_id: string | null; redemptions: number; points_spent: number; discounts: Map<string, BigNumberJS> }>()
  const slot = (id: string | null) => {
    const key = id ?? ""
    if (!byReward.has(key)) byReward.set(key, { reward_id: id, redemptions: 0, points_spent: 0, discounts: new Map() })
    return byReward.get(key)!
  }
  for (const r of online.rows as Row[]) {
    const s = slot(r.reward_id)
    s.redemptions += r.redemptions
    s.points_spent += Number(r.points)
    s.discounts.set(r.currency_code, (s.discounts.get(r.currency_code) ?? new BigNumberJS(0)).plus(r.discount))
  }
  for (const r of inStore.rows as Row[]) {
    const s = slot(r.reward_id)
    s.redemptions += r.redemptions
    s.points_spent += Number(r.points)
  }
  const ids = [...byReward.values()].map((r) => r.reward_id).filter(Boolean) as string[]
  const names = ids.length ? ((await knex("loyalty_reward").whereIn("id", ids).select("id", "name")) as Row[]) : []
  const rewards = [...byReward.values()]
    .map((r) => ({
      reward_id: r.reward_id,
      name: (names.find((n) => n.id === r.reward_id)?.name ?? null) as Record<string, string> | null,
      redemptions: r.redemptions,
      points_spent: r.points_spent,
      discounts: [...r.discounts.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([currency_code, amount]) => ({ currency_code, amount: amount.toFixed(digitsOf(currency_code), BigNumberJS.ROUND_HALF_UP) })),
    }))
    .sort((a, b) => b.points_spent - a.points_spent || String(a.reward_id).localeCompare(String(b.reward_id)))
  return { period: periodView(scope), filters: filtersOf(scope, ["sales_channel_id", "stock_location_id", "currency_code"]), rewards }
}
