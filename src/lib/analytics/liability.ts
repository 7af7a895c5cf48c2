import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import BigNumberJS from "bignumber.js"
import {
  allocateTransactionPrice,
  outstandingPointsValue,
  recognizedRevenue,
  roundMoney,
} from "../../modules/loyalty/lib/liability"
import { entrySums, type EntrySums, sumsAt } from "./entries"
import { type AnalyticsScope, filtersOf, periodView, realAccounts } from "./scope"

type Row = Record<string, any>
export type Estimate = { id: string; currency_code: string; point_value: string; expected_redemption_rate: string; effective_at: Date; actor_user_id?: string | null }

const Dec = BigNumberJS.clone({ DECIMAL_PLACES: 20, ROUNDING_MODE: BigNumberJS.ROUND_HALF_UP })

/** The estimate in force at an instant: the latest effective by then, else the first one. */
export function estimateAt(estimates: Estimate[], at: Date): Estimate {
  const inForce = estimates.filter((e) => e.effective_at <= at)
  return inForce.length ? inForce[inForce.length - 1] : estimates[0]
}

/**
 * The loyalty liability (IFRS 15 / ASC 606) of the range, bucket by bucket (README "Analytics").
 * Allocation: each bucket's order sales and the points they earned (the order's first award,
 * pending points included), in the estimate's currency, at the estimate in force when earned:
 * sales x SSP / (sales + SSP), SSP = points x value x expected rate. Fixed once made.
 * Recognition at a bucket's end: everything allocated so far x points redeemed so far / points
 * expected to be redeemed (points issued so far, net of clawbacks, x the rate in force then).
 */
export async function liabilityReport(knex: Knex, scope: AnalyticsScope, estimates: Estimate[], digitsOf: (currency: string) => number) {
  const base = { period: periodView(scope), filters: filtersOf(scope, ["sales_channel_id"]) }
  if (!estimates.length) return { ...base, estimate: null, totals: null, periods: [] }
  const current = estimateAt(estimates, new Date(scope.end.getTime() - 1))
  const currency = current.currency_code
  const series = estimates.filter((e) => e.currency_code === currency)
  const digits = digitsOf(currency)

  // Points are not in a currency: redemptions and issues count whatever the currency filter says.
  const pointsScope = { ...scope, currency_code: undefined }
  const [{ opening, byKey }, sales] = await Promise.all([entrySums(knex, pointsScope), salesByBucket(knex, scope, series, currency)])

  const allocate = (rows: Row[]) =>
    rows.reduce((sum, r) => {
      const est = series.find((e) => e.id === r.estimate_id)!
      const a = allocateTransactionPrice({ sales: r.sales, points_issued: r.points, value_per_point: est.point_value, expected_redemption_rate: est.expected_redemption_rate })
      return sum.plus(a.points)
    }, new Dec(0))

  let allocatedCum = allocate(sales.filter((r) => r.key === "opening"))
  let running: EntrySums = opening
  const recognizedAt = (allocated: BigNumberJS, s: EntrySums, at: Date) => {
    const rate = estimateAt(series, at).expected_redemption_rate
    const expected = new Dec(s.issued - s.reversed).times(rate)
    if (expected.lte(0)) return { expected, cumulative: new Dec(0) }
    return { expected, cumulative: new Dec(recognizedRevenue({ allocated: allocated.toFixed(), redeemed_to_date: Math.max(0, s.redeemed), expected_total_redeemed: expected.toFixed() }).cumulative) }
  }
  let recognizedBefore = roundMoney(recognizedAt(allocatedCum, running, new Date(scope.start.getTime() - 1)).cumulative.toFixed(), digits)
  const periods = scope.periods.map((p) => {
    const rows = sales.filter((r) => r.key === p.key)
    const allocated = allocate(rows)
    allocatedCum = allocatedCum.plus(allocated)
    const flow = sumsAt(byKey, p.key)
    running = Object.fromEntries(Object.keys(running).map((k) => [k, running[k as keyof EntrySums] + flow[k as keyof EntrySums]])) as EntrySums
    const { expected, cumulative } = recognizedAt(allocatedCum, running, new Date(p.end.getTime() - 1))
    const cum = roundMoney(cumulative.toFixed(), digits)
    const row = {
      period: p.key,
      sales: roundMoney(rows.reduce((s, r) => s.plus(r.sales), new Dec(0)).toFixed(), digits),
      points_issued: rows.reduce((s, r) => s + Number(r.points), 0),
      allocated: roundMoney(allocated.toFixed(), digits),
      redeemed_to_date: running.redeemed,
      expected_to_redeem: expected.toFixed(),
      recognized_cumulative: cum,
      recognized: new Dec(cum).minus(recognizedBefore).toFixed(digits),
      deferred: new Dec(roundMoney(allocatedCum.toFixed(), digits)).minus(cum).toFixed(digits),
    }
    recognizedBefore = cum
    return row
  })
  const outstanding = running.points + running.reserved
  const sum = (field: "allocated" | "recognized") => periods.reduce((s, r) => s.plus(r[field]), new Dec(0)).toFixed(digits)
  return {
    ...base,
    estimate: {
      currency_code: currency,
      point_value: new Dec(current.point_value).toFixed(),
      expected_redemption_rate: new Dec(current.expected_redemption_rate).toFixed(),
      effective_at: current.effective_at,
    },
    totals: {
      outstanding_points: outstanding,
      outstanding_value: roundMoney(
        outstandingPointsValue({ points_outstanding: Math.max(0, outstanding), value_per_point: current.point_value, expected_redemption_rate: current.expected_redemption_rate }),
        digits
      ),
      allocated: sum("allocated"),
      recognized: sum("recognized"),
      deferred: periods.length ? periods[periods.length - 1].deferred : roundMoney("0", digits),
    },
    periods,
  }
}

/** Order sales and their points per bucket (and `opening`: before the range) and per estimate in force. */
async function salesByBucket(knex: Knex, scope: AnalyticsScope, series: Estimate[], currency: string): Promise<Row[]> {
  const rows = [
    { key: "opening", start: new Date(0), end: scope.start },
    ...scope.periods,
  ]
  const values = rows.map(() => "(?::text, ?::timestamptz, ?::timestamptz)").join(", ")
  const estimateValues = series.map(() => "(?::text, ?::timestamptz)").join(", ")
  const { rows: out } = await knex.raw(
    `with p(key, s, e) as (values ${values}),
          est(id, effective_at) as (values ${estimateValues}),
          first_est as (select id from est order by effective_at asc limit 1)
     select p.key, coalesce((select est.id from est where est.effective_at <= e.created_at order by est.effective_at desc limit 1), (select id from first_est)) as estimate_id,
       sum((e.metadata->'earning_basis'->>'amount')::numeric)::text as sales,
       sum(e.earned_change + e.pending_change)::bigint as points
     from p cross join loyalty_ledger_entry e
       join loyalty_account a on a.id = e.account_id and a.program_id = ? and ${realAccounts(scope)}
       ${scope.sales_channel_id ? `join "order" o on o.id = e.source_id and o.sales_channel_id = ?` : ""}
     where e.deleted_at is null and e.type = 'earn' and e.source_type = 'order' and e.metadata->'earning_basis' is not null
       and lower(e.metadata->'earning_basis'->>'currency_code') = ?
       and e.created_at >= p.s and e.created_at < p.e
     group by 1, 2`,
    [
      ...rows.flatMap((r) => [r.key, r.start.toISOString(), r.end.toISOString()]),
      ...series.flatMap((e) => [e.id, e.effective_at.toISOString()]),
      scope.program_id,
      ...(scope.sales_channel_id ? [scope.sales_channel_id] : []),
      currency,
    ]
  )
  return out
}
