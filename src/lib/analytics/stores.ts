import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { type AnalyticsScope, filtersOf, periodView, realAccounts } from "./scope"

type Row = Record<string, any>
type Figures = { points_awarded: number; points_redeemed: number; awards: number; redemptions: number }

/**
 * The stores (stock locations) where tills awarded or redeemed points in the range, with their
 * devices and staff: points awarded (receipts, less voids), points redeemed, and the number of
 * awards and redemptions. A till sells outside any sales channel: that filter does not apply here.
 */
export async function storesReport(knex: Knex, scope: AnalyticsScope) {
  const { rows } = await knex.raw(
    `select e.source_id as stock_location_id, e.actor_device_id as device_id, e.actor_staff_id as staff_id,
       coalesce(sum(e.earned_change), 0)::bigint as points_awarded,
       coalesce(sum(case when e.type = 'redeem' then -e.points else 0 end), 0)::bigint as points_redeemed,
       count(*) filter (where e.type = 'earn')::int as awards,
       count(*) filter (where e.type = 'redeem')::int as redemptions
     from loyalty_ledger_entry e join loyalty_account a on a.id = e.account_id and a.program_id = ? and ${realAccounts(scope)}
     where e.deleted_at is null and e.source_type = 'terminal' and e.created_at >= ? and e.created_at < ?
       ${scope.stock_location_id ? "and e.source_id = ?" : ""}
       ${scope.currency_code ? "and (e.type <> 'earn' or lower(e.metadata->>'currency_code') = ?)" : ""}
     group by 1, 2, 3`,
    [
      scope.program_id,
      scope.start.toISOString(),
      scope.end.toISOString(),
      ...(scope.stock_location_id ? [scope.stock_location_id] : []),
      ...(scope.currency_code ? [scope.currency_code] : []),
    ]
  )
  const ids = (field: string) => [...new Set((rows as Row[]).map((r) => r[field]).filter(Boolean))] as string[]
  const [locations, devices, staff] = await Promise.all([
    ids("stock_location_id").length ? knex("stock_location").whereIn("id", ids("stock_location_id")).select("id", "name") : [],
    ids("device_id").length ? knex("loyalty_terminal_device").whereIn("id", ids("device_id")).select("id", "name") : [],
    ids("staff_id").length ? knex("loyalty_terminal_staff").whereIn("id", ids("staff_id")).select("id", "name") : [],
  ])
  const nameOf = (list: Row[], id: string | null) => (list as Row[]).find((x) => x.id === id)?.name ?? null
  const figures = (list: Row[]): Figures =>
    list.reduce<Figures>(
      (f, r) => ({
        points_awarded: f.points_awarded + Number(r.points_awarded),
        points_redeemed: f.points_redeemed + Number(r.points_redeemed),
        awards: f.awards + r.awards,
        redemptions: f.redemptions + r.redemptions,
      }),
      { points_awarded: 0, points_redeemed: 0, awards: 0, redemptions: 0 }
    )
  const group = (list: Row[], field: "device_id" | "staff_id", names: Row[]) =>
    [...new Set(list.map((r) => r[field] as string | null))].map((id) => {
      const { points_awarded, points_redeemed } = figures(list.filter((r) => r[field] === id))
      return { [field]: id, name: nameOf(names, id), points_awarded, points_redeemed }
    })
  const stores = ids("stock_location_id")
    .map((id) => {
      const mine = (rows as Row[]).filter((r) => r.stock_location_id === id)
      return {
        stock_location_id: id,
        name: nameOf(locations as Row[], id),
        ...figures(mine),
        devices: group(mine, "device_id", devices as Row[]),
        staff: group(mine, "staff_id", staff as Row[]),
      }
    })
    .sort((a, b) => String(a.name ?? a.stock_location_id).localeCompare(String(b.name ?? b.stock_location_id)))
  return { period: periodView(scope), filters: filtersOf(scope, ["stock_location_id", "currency_code"]), stores }
}
