import { Button, Container, Heading, Text, toast } from "@medusajs/ui"
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query"
import type { ReactNode } from "react"
import { useTranslation } from "react-i18next"
import {
  analyticsKeys,
  csvLocaleOf,
  downloadAnalyticsCsv,
  fetchAnalytics,
  type AnalyticsFilterName,
  type AnalyticsFilters,
  type AnalyticsReportName,
  type AnalyticsReports,
} from "../../lib/analytics-api"

// Keys written out (not built) so that the texts test sees each one used.
const FILTER_LABELS: Record<AnalyticsFilterName, string> = {
  sales_channel_id: "analytics.filters.sales_channel",
  stock_location_id: "analytics.filters.store",
  currency_code: "analytics.filters.currency",
}

/** The report of one section, refetched when a filter changes (the last figures stay shown meanwhile). */
export function useAnalyticsReport<R extends AnalyticsReportName>(report: R, filters: AnalyticsFilters) {
  return useQuery({
    queryKey: analyticsKeys.report(report, filters),
    queryFn: () => fetchAnalytics(report, filters),
    placeholderData: keepPreviousData,
  })
}

/**
 * One section of the Analytics page: heading, "Export CSV" (the route's own CSV, in the admin's
 * language), and the figures once loaded; the loading, error and empty states in between.
 */
export function AnalyticsSection<R extends AnalyticsReportName>({
  report,
  filters,
  title,
  subtitle,
  isEmpty,
  children,
}: {
  report: R
  filters: AnalyticsFilters
  title: string
  subtitle: string
  /** True when the answer has nothing to show (the empty state instead of zero-filled tables). */
  isEmpty: (data: AnalyticsReports[R]) => boolean
  children: (data: AnalyticsReports[R]) => ReactNode
}) {
  const { t, i18n } = useTranslation("rewardflow")
  const query = useAnalyticsReport(report, filters)
  const exportCsv = useMutation({
    mutationFn: () => downloadAnalyticsCsv(report, filters, csvLocaleOf(i18n.language)),
    onError: (e: Error) => toast.error(t("analytics.export_failed", { message: e.message })),
  })

  let body: ReactNode
  if (query.isError) {
    body = (
      <Text size="small" className="text-ui-fg-error" role="alert">
        {t("analytics.load_error", { message: (query.error as Error).message })}
      </Text>
    )
  } else if (!query.data) {
    body = (
      <Text size="small" className="text-ui-fg-subtle">
        {t("analytics.loading")}
      </Text>
    )
  } else if (isEmpty(query.data)) {
    body = (
      <Text size="small" className="text-ui-fg-subtle" data-testid={`rewardflow-analytics-${report}-empty`}>
        {t("analytics.empty")}
      </Text>
    )
  } else {
    body = children(query.data)
  }
  // A filter chosen above that this report's figures cannot follow (members have no currency...): said, not hidden.
  const ignored = query.data?.filters?.not_applicable ?? []

  return (
    <Container className="divide-y p-0" data-testid={`rewardflow-analytics-${report}`} aria-busy={query.isFetching}>
      <div className="flex items-start justify-between gap-x-4 px-6 py-4">
        <div>
          <Heading level="h2">{title}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {subtitle}
          </Text>
        </div>
        <Button
          size="small"
          variant="secondary"
          disabled={!query.data}
          isLoading={exportCsv.isPending}
          onClick={() => exportCsv.mutate()}
        >
          {t("analytics.export_csv")}
        </Button>
      </div>
      <div className="flex flex-col gap-y-4 px-6 py-4">
        {ignored.length ? (
          <Text size="small" className="text-ui-fg-subtle" data-testid={`rewardflow-analytics-${report}-not-applicable`}>
            {t("analytics.not_applicable", { filters: ignored.map((f) => t(FILTER_LABELS[f] ?? f)).join(", ") })}
          </Text>
        ) : null}
        {body}
      </div>
    </Container>
  )
}
