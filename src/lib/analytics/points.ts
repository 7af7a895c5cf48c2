import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { entrySums, type EntrySums, sumsAt } from "./entries"
import { type AnalyticsScope, filtersOf, periodView, share } from "./scope"

export type PointsFigures = {
  issued: number
  redeemed: number
  reversed: number
  expired: number
  adjusted: number
  pending: number
  owed: number
  outstanding: number
  redemption_rate: number | null
  realized_breakage: number | null
}

const flows = (s: EntrySums) => ({ issued: s.issued, redeemed: s.redeemed, reversed: s.reversed, expired: s.expired, adjusted: s.adjusted })

/** Balances at an instant from the running sums: pending, owed, and outstanding (spendable + held for carts). */
const balances = (s: EntrySums) => ({ pending: s.pending, owed: s.owed, outstanding: s.points + s.reserved })

const add = (a: EntrySums, b: EntrySums): EntrySums =>
  Object.fromEntries(Object.keys(a).map((k) => [k, a[k as keyof EntrySums] + b[k as keyof EntrySums]])) as EntrySums

function figures(flow: EntrySums, atEnd: EntrySums): PointsFigures {
  return {
    ...flows(flow),
    ...balances(atEnd),
    redemption_rate: share(flow.redeemed, flow.issued),
    realized_breakage: share(flow.expired, flow.issued),
  }
}

/** The points report: flows per bucket and over the range, balances at each bucket's end (see README "Analytics"). */
export async function pointsReport(knex: Knex, scope: AnalyticsScope) {
  const { opening, byKey } = await entrySums(knex, scope)
  let running = opening
  const periods = scope.periods.map((p) => {
    const flow = sumsAt(byKey, p.key)
    running = add(running, flow)
    return { period: p.key, ...figures(flow, running) }
  })
  return {
    period: periodView(scope),
    filters: filtersOf(scope, ["sales_channel_id", "stock_location_id", "currency_code"]),
    totals: figures(sumsAt(byKey, "total"), add(opening, sumsAt(byKey, "total"))),
    periods,
  }
}
