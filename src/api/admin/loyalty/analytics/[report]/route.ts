import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { analyticsScope } from "../../../../../lib/analytics/scope"
import { CSV_TABLES } from "../../../../../lib/analytics/csv-tables"
import { CSV_CONTENT_TYPE, csvFileName, toCsv } from "../../../../../lib/csv"
import { LOYALTY_MODULE } from "../../../../../modules/loyalty"
import type LoyaltyModuleService from "../../../../../modules/loyalty/service"
import { currencyDigits, liabilityEstimates, REPORTS } from "../reports"
import type { AdminAnalyticsQueryType } from "../validators"

/**
 * One analytics report of the store's program (members, points, liability, revenue, cohorts,
 * rewards, stores) as JSON, or with `format=csv` as the spreadsheet file of its table in `locale`.
 */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminAnalyticsQueryType>, res: MedusaResponse) => {
  const name = req.params.report
  // Own keys only: "valueOf" or "constructor" name no report.
  const report = Object.prototype.hasOwnProperty.call(REPORTS, name) ? REPORTS[name] : undefined
  if (!report) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `There is no analytics report '${name}' (${Object.keys(REPORTS).join(", ")})`)
  }
  const q = req.validatedQuery as AdminAnalyticsQueryType
  const loyalty: LoyaltyModuleService = req.scope.resolve(LOYALTY_MODULE)
  const program = await loyalty.getOrCreateDefaultProgram()
  const knex = req.scope.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const scope = analyticsScope({ ...q, program_id: program.id, time_zone: program.time_zone ?? "UTC" })
  const body = await report({
    knex,
    scope,
    digitsOf: await currencyDigits(req.scope),
    estimates: () => liabilityEstimates(knex, program.id),
  })
  if (q.format !== "csv") return res.json(body)
  const locale = q.locale ?? "en"
  const table = CSV_TABLES[name](body, locale)
  res.setHeader("Content-Type", CSV_CONTENT_TYPE)
  res.setHeader("Content-Disposition", `attachment; filename="${csvFileName(`rewardflow-${name}-${scope.from}-${scope.to}`)}"`)
  res.send(toCsv(table.columns, table.rows, locale))
}
