import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { cohortsReport } from "../../../../lib/analytics/cohorts"
import { type Estimate, liabilityReport } from "../../../../lib/analytics/liability"
import { membersReport } from "../../../../lib/analytics/members"
import { pointsReport } from "../../../../lib/analytics/points"
import { revenueReport } from "../../../../lib/analytics/revenue"
import { rewardsReport } from "../../../../lib/analytics/rewards"
import type { AnalyticsScope } from "../../../../lib/analytics/scope"
import { storesReport } from "../../../../lib/analytics/stores"

type Context = { knex: Knex; scope: AnalyticsScope; digitsOf: (currency: string) => number; estimates: () => Promise<Estimate[]> }

/** The reports under /admin/loyalty/analytics/:report. */
export const REPORTS: Record<string, (c: Context) => Promise<unknown>> = {
  members: ({ knex, scope }) => membersReport(knex, scope),
  points: ({ knex, scope }) => pointsReport(knex, scope),
  liability: async ({ knex, scope, digitsOf, estimates }) => liabilityReport(knex, scope, await estimates(), digitsOf),
  revenue: ({ knex, scope, digitsOf }) => revenueReport(knex, scope, digitsOf),
  cohorts: ({ knex, scope }) => cohortsReport(knex, scope),
  rewards: ({ knex, scope, digitsOf }) => rewardsReport(knex, scope, digitsOf),
  stores: ({ knex, scope }) => storesReport(knex, scope),
}

/** Digits of every currency Medusa knows (JPY 0, KWD 3, default 2). */
export async function currencyDigits(container: MedusaContainer): Promise<(currency: string) => number> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "currency", fields: ["code", "decimal_digits"] })
  const digits = new Map((data as { code: string; decimal_digits: number }[]).map((c) => [c.code.toLowerCase(), c.decimal_digits]))
  return (currency) => digits.get(currency.toLowerCase()) ?? 2
}

/** The program's liability estimates, oldest first, numbers as exact decimal text. */
export async function liabilityEstimates(knex: Knex, programId: string): Promise<Estimate[]> {
  const rows = await knex("loyalty_liability_estimate")
    .where({ program_id: programId })
    .whereNull("deleted_at")
    .orderBy([{ column: "effective_at", order: "asc" }, { column: "created_at", order: "asc" }])
    .select("id", "currency_code", knex.raw("point_value::text as point_value"), knex.raw("expected_redemption_rate::text as expected_redemption_rate"), "effective_at", "actor_user_id")
  return rows.map((r: any) => ({ ...r, currency_code: String(r.currency_code).toLowerCase(), effective_at: new Date(r.effective_at) }))
}
