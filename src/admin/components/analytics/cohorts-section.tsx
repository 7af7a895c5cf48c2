import { Table } from "@medusajs/ui"
import type { AnalyticsFilters } from "../../lib/analytics-api"
import { AnalyticsSection } from "./analytics-section"
import { useAnalyticsFormat } from "./use-analytics-format"

/** A cell's tint: the larger the share, the stronger the dashboard's interactive colour (at most 40 %, text stays readable). */
const tint = (share: number | null) =>
  share == null ? undefined : { background: `color-mix(in srgb, var(--fg-interactive) ${Math.round(share * 40)}%, transparent)` }

/**
 * Cohorts: members by month of enrollment; cell (cohort, k) is the share of that cohort who
 * ordered in month k after enrolling (the retention triangle: later cohorts have fewer months).
 */
export const CohortsSection = ({ filters }: { filters: AnalyticsFilters }) => {
  const f = useAnalyticsFormat()
  const { t } = f
  return (
    <AnalyticsSection
      report="cohorts"
      filters={filters}
      title={t("analytics.cohort_title")}
      subtitle={t("analytics.cohort_subtitle")}
      isEmpty={(d) => d.cohorts.length === 0}
    >
      {(d) => {
        const months = Math.max(0, ...d.cohorts.flatMap((c) => c.cells.map((cell) => cell.k + 1)))
        const ks = Array.from({ length: months }, (_, k) => k)
        return (
          <div style={{ overflowX: "auto" }}>
            <Table data-testid="rewardflow-analytics-cohorts-table">
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell>{t("analytics.cohorts.cohort")}</Table.HeaderCell>
                  <Table.HeaderCell className="text-right">{t("analytics.cohorts.members")}</Table.HeaderCell>
                  {ks.map((k) => (
                    <Table.HeaderCell key={k} className="text-right">
                      {t("analytics.cohorts.month_k", { k })}
                    </Table.HeaderCell>
                  ))}
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {d.cohorts.map((c) => {
                  const byK = new Map(c.cells.map((cell) => [cell.k, cell]))
                  return (
                    <Table.Row key={c.cohort} data-row={c.cohort}>
                      <Table.Cell data-column="cohort">{f.period(c.cohort)}</Table.Cell>
                      <Table.Cell className="text-right" data-column="members">
                        {f.count(c.members)}
                      </Table.Cell>
                      {ks.map((k) => {
                        const cell = byK.get(k)
                        return (
                          <Table.Cell
                            key={k}
                            className="text-right"
                            data-column={`k${k}`}
                            style={cell ? tint(cell.share) : undefined}
                            title={cell ? t("analytics.cohorts.cell_hint", { customers: f.count(cell.customers), members: f.count(c.members) }) : undefined}
                          >
                            {/* Months not reached yet stay blank: the triangle. */}
                            {cell ? f.rate(cell.share) : ""}
                          </Table.Cell>
                        )
                      })}
                    </Table.Row>
                  )
                })}
              </Table.Body>
            </Table>
          </div>
        )
      }}
    </AnalyticsSection>
  )
}
