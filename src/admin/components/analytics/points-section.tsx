import type { AnalyticsFilters, PointsReport } from "../../lib/analytics-api"
import { AnalyticsSection } from "./analytics-section"
import { FiguresTable } from "./figures-table"
import { CHART_COLORS, PeriodChart } from "./period-chart"
import { StatGrid } from "./stat-grid"
import { useAnalyticsFormat } from "./use-analytics-format"

type Row = PointsReport["periods"][number]

// Keys written out (not built) so that the texts test sees each one used.
const COUNT_LABELS = {
  issued: "analytics.points.issued",
  redeemed: "analytics.points.redeemed",
  reversed: "analytics.points.reversed",
  expired: "analytics.points.expired",
  adjusted: "analytics.points.adjusted",
  pending: "analytics.points.pending",
  owed: "analytics.points.owed",
  outstanding: "analytics.points.outstanding",
} as const
const COUNTS = Object.keys(COUNT_LABELS) as (keyof typeof COUNT_LABELS)[]

/**
 * Points: issued, redeemed, reversed, expired per period (chart and table), what is pending, owed
 * and outstanding, the redemption rate and the realized breakage (expired / issued: what did
 * expire, not the accounting estimate of the Liability section).
 */
export const PointsSection = ({ filters }: { filters: AnalyticsFilters }) => {
  const f = useAnalyticsFormat(filters.interval)
  const { t } = f
  return (
    <AnalyticsSection
      report="points"
      filters={filters}
      title={t("analytics.points_title")}
      subtitle={t("analytics.points_subtitle")}
      isEmpty={(d) => COUNTS.every((k) => d.totals[k] === 0)}
    >
      {(d) => (
        <>
          <StatGrid
            stats={[
              ...COUNTS.map((k) => ({ id: `points-${k}`, label: t(COUNT_LABELS[k]), value: f.count(d.totals[k]) })),
              { id: "points-redemption-rate", label: t("analytics.points.redemption_rate"), value: f.rate(d.totals.redemption_rate), hint: t("analytics.points.redemption_rate_hint") },
              { id: "points-realized-breakage", label: t("analytics.points.realized_breakage"), value: f.rate(d.totals.realized_breakage), hint: t("analytics.points.realized_breakage_hint") },
            ]}
          />
          <PeriodChart
            title={t("analytics.points.chart_title")}
            rows={d.periods}
            series={[
              { key: "issued", label: t("analytics.points.issued"), color: CHART_COLORS.interactive },
              { key: "redeemed", label: t("analytics.points.redeemed"), color: CHART_COLORS.green },
              { key: "reversed", label: t("analytics.points.reversed"), color: CHART_COLORS.orange },
              { key: "expired", label: t("analytics.points.expired"), color: CHART_COLORS.red },
            ]}
            periodLabel={f.period}
            valueLabel={f.count}
            testId="rewardflow-analytics-points-chart"
          />
          <FiguresTable<Row>
            testId="rewardflow-analytics-points-table"
            rows={d.periods}
            rowKey={(r) => r.period}
            columns={[
              { id: "period", header: t("analytics.column_period"), cell: (r) => f.period(r.period) },
              ...COUNTS.map((k) => ({ id: k, header: t(COUNT_LABELS[k]), cell: (r: Row) => f.count(r[k]), numeric: true })),
              { id: "redemption_rate", header: t("analytics.points.redemption_rate"), cell: (r) => f.rate(r.redemption_rate), numeric: true },
              { id: "realized_breakage", header: t("analytics.points.realized_breakage"), cell: (r) => f.rate(r.realized_breakage), numeric: true },
            ]}
          />
        </>
      )}
    </AnalyticsSection>
  )
}
