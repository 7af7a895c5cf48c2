import type { AnalyticsFilters, MembersReport } from "../../lib/analytics-api"
import { AnalyticsSection } from "./analytics-section"
import { FiguresTable } from "./figures-table"
import { CHART_COLORS, PeriodChart } from "./period-chart"
import { StatGrid } from "./stat-grid"
import { useAnalyticsFormat } from "./use-analytics-format"

type Row = MembersReport["periods"][number]

/** Members: total, new and active in the period, and the enrollment rate, per period. */
export const MembersSection = ({ filters }: { filters: AnalyticsFilters }) => {
  const f = useAnalyticsFormat(filters.interval)
  const { t } = f
  return (
    <AnalyticsSection
      report="members"
      filters={filters}
      title={t("analytics.members_title")}
      subtitle={t("analytics.members_subtitle")}
      isEmpty={(d) => d.totals.total === 0 && d.totals.customers_ordered === 0}
    >
      {(d) => (
        <>
          <StatGrid
            stats={[
              { id: "members-total", label: t("analytics.members.total"), value: f.count(d.totals.total) },
              { id: "members-new", label: t("analytics.members.new"), value: f.count(d.totals.new) },
              { id: "members-active", label: t("analytics.members.active"), value: f.count(d.totals.active) },
              {
                id: "members-enrollment-rate",
                label: t("analytics.members.enrollment_rate"),
                value: f.rate(d.totals.enrollment_rate),
                hint: t("analytics.members.enrollment_rate_hint", {
                  members: f.count(d.totals.members_ordered),
                  customers: f.count(d.totals.customers_ordered),
                }),
              },
            ]}
          />
          <PeriodChart
            title={t("analytics.members.chart_title")}
            rows={d.periods}
            kind="line"
            series={[
              { key: "new", label: t("analytics.members.new"), color: CHART_COLORS.interactive },
              { key: "active", label: t("analytics.members.active"), color: CHART_COLORS.green },
            ]}
            periodLabel={f.period}
            valueLabel={f.count}
            testId="rewardflow-analytics-members-chart"
          />
          <FiguresTable<Row>
            testId="rewardflow-analytics-members-table"
            rows={d.periods}
            rowKey={(r) => r.period}
            columns={[
              { id: "period", header: t("analytics.column_period"), cell: (r) => f.period(r.period) },
              { id: "total", header: t("analytics.members.total"), cell: (r) => f.count(r.total), numeric: true },
              { id: "new", header: t("analytics.members.new"), cell: (r) => f.count(r.new), numeric: true },
              { id: "active", header: t("analytics.members.active"), cell: (r) => f.count(r.active), numeric: true },
              { id: "customers_ordered", header: t("analytics.members.customers_ordered"), cell: (r) => f.count(r.customers_ordered), numeric: true },
              { id: "members_ordered", header: t("analytics.members.members_ordered"), cell: (r) => f.count(r.members_ordered), numeric: true },
              { id: "enrollment_rate", header: t("analytics.members.enrollment_rate"), cell: (r) => f.rate(r.enrollment_rate), numeric: true },
            ]}
          />
        </>
      )}
    </AnalyticsSection>
  )
}
