import { Text } from "@medusajs/ui"
import type { AnalyticsFilters, RevenueReport } from "../../lib/analytics-api"
import { AnalyticsSection } from "./analytics-section"
import { FiguresTable } from "./figures-table"
import { StatGrid } from "./stat-grid"
import { useAnalyticsFormat } from "./use-analytics-format"

type Row = RevenueReport["rows"][number]

// Keys written out (not built) so that the texts test sees each one used.
const SEGMENT_LABELS = { members: "analytics.revenue.members", non_members: "analytics.revenue.non_members" } as const
// The route's name for its basis (the contract's first name too): order totals with tax and shipping, less returns and refunds.
const BASIS_LABELS: Record<string, string> = {
  order_total_incl_tax_and_shipping_net_of_returns_and_refunds: "analytics.revenue.basis_net_of_refunds",
  net_of_refunds_incl_tax_and_shipping: "analytics.revenue.basis_net_of_refunds",
}

/**
 * Revenue of members and non-members (orders, customers, revenue, average order value) per
 * currency, on the basis the route states (with or without tax, shipping, refunds), and the
 * repeat purchase rate.
 */
export const RevenueSection = ({ filters }: { filters: AnalyticsFilters }) => {
  const f = useAnalyticsFormat()
  const { t } = f
  return (
    <AnalyticsSection
      report="revenue"
      filters={filters}
      title={t("analytics.revenue_title")}
      subtitle={t("analytics.revenue_subtitle")}
      isEmpty={(d) => d.rows.length === 0}
    >
      {(d) => (
        <>
          <Text size="small" className="text-ui-fg-subtle" data-testid="rewardflow-analytics-revenue-basis">
            {/* A basis this page does not know yet is shown as the route names it. */}
            {BASIS_LABELS[d.basis] ? t(BASIS_LABELS[d.basis]) : d.basis}
          </Text>
          <StatGrid
            stats={[
              {
                id: "revenue-repeat-purchase-rate",
                label: t("analytics.revenue.repeat_purchase_rate"),
                value: f.rate(d.repeat_purchase_rate),
                hint: t("analytics.revenue.repeat_hint", { repeat: f.count(d.repeat_customers), customers: f.count(d.customers_ordered) }),
              },
            ]}
          />
          <FiguresTable<Row>
            testId="rewardflow-analytics-revenue-table"
            rows={d.rows}
            rowKey={(r) => `${r.currency_code}-${r.segment}`}
            columns={[
              { id: "segment", header: t("analytics.revenue.segment"), cell: (r) => t(SEGMENT_LABELS[r.segment] ?? r.segment) },
              { id: "currency_code", header: t("analytics.revenue.currency"), cell: (r) => r.currency_code.toUpperCase() },
              { id: "orders", header: t("analytics.revenue.orders"), cell: (r) => f.count(r.orders), numeric: true },
              { id: "customers", header: t("analytics.revenue.customers"), cell: (r) => f.count(r.customers), numeric: true },
              { id: "revenue", header: t("analytics.revenue.revenue"), cell: (r) => f.amount(r.revenue, r.currency_code), numeric: true },
              {
                id: "average_order_value",
                header: t("analytics.revenue.average_order_value"),
                cell: (r) => f.amount(r.average_order_value, r.currency_code),
                numeric: true,
              },
            ]}
          />
        </>
      )}
    </AnalyticsSection>
  )
}
