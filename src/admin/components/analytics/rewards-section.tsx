import type { AnalyticsFilters, RewardsReport } from "../../lib/analytics-api"
import { AnalyticsSection } from "./analytics-section"
import { FiguresTable } from "./figures-table"
import { useAnalyticsFormat } from "./use-analytics-format"

type Row = RewardsReport["rewards"][number]

/** Rewards: redemptions per reward, the points spent on it and the discount it gave, per currency. */
export const RewardsSection = ({ filters }: { filters: AnalyticsFilters }) => {
  const f = useAnalyticsFormat()
  const { t } = f
  return (
    <AnalyticsSection
      report="rewards"
      filters={filters}
      title={t("analytics.rewards_title")}
      subtitle={t("analytics.rewards_subtitle")}
      isEmpty={(d) => d.rewards.length === 0}
    >
      {(d) => (
        <FiguresTable<Row>
          testId="rewardflow-analytics-rewards-table"
          rows={d.rewards}
          rowKey={(r) => r.reward_id}
          columns={[
            { id: "name", header: t("analytics.rewards.reward"), cell: (r) => r.name },
            { id: "redemptions", header: t("analytics.rewards.redemptions"), cell: (r) => f.count(r.redemptions), numeric: true },
            { id: "points_spent", header: t("analytics.rewards.points_spent"), cell: (r) => f.count(r.points_spent), numeric: true },
            {
              id: "discounts",
              header: t("analytics.rewards.discount"),
              cell: (r) => (r.discounts.length ? r.discounts.map((m) => f.amount(m.amount, m.currency_code)).join(" / ") : "–"),
              numeric: true,
            },
          ]}
        />
      )}
    </AnalyticsSection>
  )
}
