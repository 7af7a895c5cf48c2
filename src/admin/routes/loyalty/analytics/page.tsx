import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Container, Heading, Text } from "@medusajs/ui"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { AnalyticsFilters } from "../../../components/analytics/analytics-filters"
import { useAnalyticsReport } from "../../../components/analytics/analytics-section"
import { CohortsSection } from "../../../components/analytics/cohorts-section"
import { LiabilitySection } from "../../../components/analytics/liability-section"
import { MembersSection } from "../../../components/analytics/members-section"
import { PointsSection } from "../../../components/analytics/points-section"
import { RevenueSection } from "../../../components/analytics/revenue-section"
import { RewardsSection } from "../../../components/analytics/rewards-section"
import { StoresSection } from "../../../components/analytics/stores-section"
import { EMPTY_FILTERS, type AnalyticsFilters as Filters } from "../../../lib/analytics-api"
import { formatDay } from "../../../lib/analytics-format"

/** The days the figures cover, as the routes answered them (their default when no date is chosen). */
const PeriodShown = ({ filters }: { filters: Filters }) => {
  const { t, i18n } = useTranslation("rewardflow")
  // The members answer is shared with its section (same query key): no extra request.
  const period = useAnalyticsReport("members", filters).data?.period
  if (!period) return null
  return (
    <Text size="small" className="text-ui-fg-subtle" data-testid="rewardflow-analytics-period">
      {t("analytics.period_shown", {
        from: formatDay(period.from, i18n.language),
        to: formatDay(period.to, i18n.language),
        time_zone: period.time_zone,
      })}
    </Text>
  )
}

/**
 * Loyalty > Analytics: members, points, liability, revenue, cohorts, rewards and stores, every
 * figure following the same filters, each table exportable as CSV.
 */
const AnalyticsPage = () => {
  const { t } = useTranslation("rewardflow")
  const [filters, setFilters] = useState<Filters>(EMPTY_FILTERS)
  return (
    <div className="flex flex-col gap-y-3" data-testid="rewardflow-analytics">
      <Container className="px-6 py-4">
        <Heading level="h1">{t("analytics.title")}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {t("analytics.subtitle")}
        </Text>
        <PeriodShown filters={filters} />
      </Container>
      <AnalyticsFilters filters={filters} onChange={setFilters} />
      <MembersSection filters={filters} />
      <PointsSection filters={filters} />
      <LiabilitySection filters={filters} />
      <RevenueSection filters={filters} />
      <CohortsSection filters={filters} />
      <RewardsSection filters={filters} />
      <StoresSection filters={filters} />
    </div>
  )
}

// Under Loyalty in the sidebar, after Program.
export const config = defineRouteConfig({ label: "menu.analytics", translationNs: "rewardflow", rank: 2 })

export default AnalyticsPage
