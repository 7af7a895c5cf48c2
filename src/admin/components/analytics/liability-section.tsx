import { Text } from "@medusajs/ui"
import type { AnalyticsFilters, LiabilityReport } from "../../lib/analytics-api"
import { formatInstantDay } from "../../lib/analytics-format"
import { AnalyticsSection } from "./analytics-section"
import { FiguresTable } from "./figures-table"
import { CHART_COLORS, PeriodChart } from "./period-chart"
import { StatGrid } from "./stat-grid"
import { useAnalyticsFormat } from "./use-analytics-format"

type Row = LiabilityReport["periods"][number]

/**
 * Liability (IFRS 15 / ASC 606): the estimate in force (value of a point, expected redemption
 * rate), the outstanding points and their value, and per period what the sales allocated to the
 * points, what was recognized as they were redeemed, and what is still deferred.
 */
export const LiabilitySection = ({ filters }: { filters: AnalyticsFilters }) => {
  const f = useAnalyticsFormat(filters.interval)
  const { t } = f
  return (
    <AnalyticsSection
      report="liability"
      filters={filters}
      title={t("analytics.liability_title")}
      subtitle={t("analytics.liability_subtitle")}
      // Without an estimate nothing can be valued: the section says so (below) rather than "nothing to show".
      isEmpty={() => false}
    >
      {(d) => {
        const totals = d.totals
        // Money of one currency: the estimate's (the route values points in it), else the filter's.
        const currency = d.estimate?.currency_code ?? (filters.currency_code || null)
        const money = (v: string | null | undefined) => f.amount(v, currency)
        return (
          <>
            <Text size="small" className={d.estimate ? undefined : "text-ui-fg-subtle"} data-testid="rewardflow-analytics-liability-estimate">
              {d.estimate
                ? t("analytics.liability.estimate", {
                    value: f.amount(d.estimate.point_value, d.estimate.currency_code, 6),
                    rate: f.rate(Number(d.estimate.expected_redemption_rate)),
                    date: formatInstantDay(d.estimate.effective_at, f.locale, d.period.time_zone),
                  })
                : t("analytics.liability.no_estimate")}
            </Text>
            {totals ? (
              <>
                <StatGrid
                  stats={[
                    { id: "liability-outstanding-points", label: t("analytics.liability.outstanding_points"), value: f.count(totals.outstanding_points) },
                    { id: "liability-outstanding-value", label: t("analytics.liability.outstanding_value"), value: money(totals.outstanding_value) },
                    { id: "liability-allocated", label: t("analytics.liability.allocated"), value: money(totals.allocated) },
                    { id: "liability-recognized", label: t("analytics.liability.recognized"), value: money(totals.recognized) },
                    { id: "liability-deferred", label: t("analytics.liability.deferred"), value: money(totals.deferred) },
                  ]}
                />
                <PeriodChart
                  title={t("analytics.liability.chart_title")}
                  rows={d.periods}
                  series={[
                    { key: "allocated", label: t("analytics.liability.allocated"), color: CHART_COLORS.interactive },
                    { key: "recognized", label: t("analytics.liability.recognized"), color: CHART_COLORS.green },
                    { key: "deferred", label: t("analytics.liability.deferred"), color: CHART_COLORS.purple },
                  ]}
                  periodLabel={f.period}
                  valueLabel={(v) => f.amount(v, currency)}
                  testId="rewardflow-analytics-liability-chart"
                />
                <FiguresTable<Row>
                  testId="rewardflow-analytics-liability-table"
                  rows={d.periods}
                  rowKey={(r) => r.period}
                  columns={[
                    { id: "period", header: t("analytics.column_period"), cell: (r) => f.period(r.period) },
                    { id: "sales", header: t("analytics.liability.sales"), cell: (r) => money(r.sales), numeric: true },
                    { id: "points_issued", header: t("analytics.liability.points_issued"), cell: (r) => f.count(r.points_issued), numeric: true },
                    { id: "allocated", header: t("analytics.liability.allocated"), cell: (r) => money(r.allocated), numeric: true },
                    { id: "redeemed_to_date", header: t("analytics.liability.redeemed_to_date"), cell: (r) => f.count(r.redeemed_to_date), numeric: true },
                    { id: "expected_to_redeem", header: t("analytics.liability.expected_to_redeem"), cell: (r) => f.count(Number(r.expected_to_redeem)), numeric: true },
                    { id: "recognized_cumulative", header: t("analytics.liability.recognized_cumulative"), cell: (r) => money(r.recognized_cumulative), numeric: true },
                    { id: "recognized", header: t("analytics.liability.recognized"), cell: (r) => money(r.recognized), numeric: true },
                    { id: "deferred", header: t("analytics.liability.deferred"), cell: (r) => money(r.deferred), numeric: true },
                  ]}
                />
              </>
            ) : null}
          </>
        )
      }}
    </AnalyticsSection>
  )
}
