// Type-only: the server's figures, nothing of the server in the admin bundle.
import type { PointsFigures } from "../../lib/analytics/points"
import { sdk } from "./sdk"

/** How the figures are grouped over time (`interval` of every analytics route). */
export const ANALYTICS_INTERVALS = ["month", "week", "day"] as const
export type AnalyticsInterval = (typeof ANALYTICS_INTERVALS)[number]

/** The locales the analytics CSV is written for (headers, separator, decimal mark). */
export const CSV_LOCALES = ["en", "fr", "de", "lb"] as const
export type AnalyticsCsvLocale = (typeof CSV_LOCALES)[number]

/** The page's filters; an empty text means "not filtered" (the route's default). */
export type AnalyticsFilters = {
  from: string
  to: string
  interval: AnalyticsInterval
  sales_channel_id: string
  stock_location_id: string
  currency_code: string
  /** "true": count test data too (the demo's data is all test data); "" leaves it out. */
  include_test: "" | "true"
}

export const EMPTY_FILTERS: AnalyticsFilters = {
  from: "",
  to: "",
  interval: "month",
  sales_channel_id: "",
  stock_location_id: "",
  currency_code: "",
  include_test: "",
}

/** Every answer names the days it covers, in the program's time zone. */
export type AnalyticsPeriod = { from: string; to: string; time_zone: string; interval?: AnalyticsInterval }

/** The filter parameters a route takes. */
export type AnalyticsFilterName = "sales_channel_id" | "stock_location_id" | "currency_code"
/**
 * Which of the given filters a report followed and which do not apply to its figures (members
 * are not tied to a currency...); sent by the routes beside the contract's fields.
 */
export type AppliedFilters = { applied: AnalyticsFilterName[]; not_applicable: AnalyticsFilterName[] }
/** 0..1 (4 decimals), null when its denominator is 0. */
export type Rate = number | null
/** Money as a decimal string ("1234.50"). */
export type Money = string

export type MembersFigures = {
  total: number
  new: number
  active: number
  customers_ordered: number
  members_ordered: number
  enrollment_rate: Rate
}
export type MembersReport = {
  period: AnalyticsPeriod
  filters?: AppliedFilters
  totals: MembersFigures
  periods: (MembersFigures & { period: string })[]
}

export type { PointsFigures }
export type PointsReport = { period: AnalyticsPeriod; filters?: AppliedFilters; totals: PointsFigures; periods: (PointsFigures & { period: string })[] }

export type LiabilityEstimate = {
  currency_code: string
  point_value: Money
  expected_redemption_rate: number | string
  effective_at: string
}
export type LiabilityReport = {
  period: AnalyticsPeriod
  filters?: AppliedFilters
  estimate: LiabilityEstimate | null
  /** Null while the program has no estimate (nothing can be valued). */
  totals: { outstanding_points: number; outstanding_value: Money; allocated: Money; recognized: Money; deferred: Money } | null
  periods: {
    period: string
    sales: Money
    points_issued: number
    allocated: Money
    redeemed_to_date: number
    /** Points, as exact decimal text (the expected rate applies to what was issued). */
    expected_to_redeem: number | string
    recognized_cumulative: Money
    recognized: Money
    deferred: Money
  }[]
}

export type RevenueSegment = "members" | "non_members"
export type RevenueReport = {
  period: AnalyticsPeriod
  filters?: AppliedFilters
  basis: string
  repeat_purchase_rate: Rate
  customers_ordered: number
  repeat_customers: number
  rows: { currency_code: string; segment: RevenueSegment; orders: number; customers: number; revenue: Money; average_order_value: Money | null }[]
}

export type CohortsReport = {
  period: AnalyticsPeriod
  filters?: AppliedFilters
  cohorts: { cohort: string; members: number; cells: { k: number; customers: number; share: Rate }[] }[]
}

export type RewardsReport = {
  period: AnalyticsPeriod
  filters?: AppliedFilters
  rewards: { reward_id: string; name: string; redemptions: number; points_spent: number; discounts: { currency_code: string; amount: Money }[] }[]
}

type PointsBy = { points_awarded: number; points_redeemed: number }
export type StoresReport = {
  period: AnalyticsPeriod
  filters?: AppliedFilters
  stores: (PointsBy & {
    stock_location_id: string
    name: string
    awards: number
    redemptions: number
    devices: (PointsBy & { device_id: string; name: string })[]
    staff: (PointsBy & { staff_id: string; name: string })[]
  })[]
}

/** Each analytics route (`/admin/loyalty/analytics/<report>`) and what it answers in JSON. */
export type AnalyticsReports = {
  members: MembersReport
  points: PointsReport
  liability: LiabilityReport
  revenue: RevenueReport
  cohorts: CohortsReport
  rewards: RewardsReport
  stores: StoresReport
}
export type AnalyticsReportName = keyof AnalyticsReports

/** The filters as query parameters: the ones left empty are not sent (the route's default). */
export function analyticsQuery(filters: AnalyticsFilters): Record<string, string> {
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== ""))
}

export const analyticsKeys = {
  all: ["rewardflow", "analytics"] as const,
  report: (report: AnalyticsReportName, filters: AnalyticsFilters) => ["rewardflow", "analytics", report, analyticsQuery(filters)] as const,
  salesChannels: ["rewardflow", "analytics", "sales-channels"] as const,
  stockLocations: ["rewardflow", "analytics", "stock-locations"] as const,
}

export async function fetchAnalytics<R extends AnalyticsReportName>(report: R, filters: AnalyticsFilters): Promise<AnalyticsReports[R]> {
  return await sdk.client.fetch<AnalyticsReports[R]>(`/admin/loyalty/analytics/${report}`, { query: analyticsQuery(filters) })
}

/** The admin's language as a CSV locale: "fr-FR" -> "fr"; anything else -> "en". */
export function csvLocaleOf(language: string | undefined): AnalyticsCsvLocale {
  const base = (language ?? "").toLowerCase().split(/[-_]/)[0]
  return (CSV_LOCALES as readonly string[]).includes(base) ? (base as AnalyticsCsvLocale) : "en"
}

/** The file name in a Content-Disposition header, else `fallback`. */
function attachmentName(header: string | null, fallback: string): string {
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(header ?? "")
  return match ? decodeURIComponent(match[1]) : fallback
}

/**
 * Downloads a report as the route writes it for spreadsheets (`format=csv`, in the admin's
 * locale): the bytes are saved as they came, BOM included, under the server's file name.
 */
export async function downloadAnalyticsCsv(report: AnalyticsReportName, filters: AnalyticsFilters, locale: AnalyticsCsvLocale) {
  // Without an `accept` asking for JSON, the SDK hands back the raw response (and still throws on 4xx/5xx).
  const res = await sdk.client.fetch<Response>(`/admin/loyalty/analytics/${report}`, {
    query: { ...analyticsQuery(filters), format: "csv", locale },
    headers: { accept: "text/csv" },
  })
  const blob = await res.blob()
  const href = URL.createObjectURL(blob)
  const link = document.createElement("a")
  link.href = href
  link.download = attachmentName(res.headers.get("content-disposition"), `rewardflow-${report}.csv`)
  document.body.appendChild(link)
  link.click()
  link.remove()
  // The click has handed the blob to the browser's download; a moment later it can go.
  setTimeout(() => URL.revokeObjectURL(href), 10_000)
}

export type ChoiceOption = { value: string; label: string }

/** The store's sales channels, for the filter. */
export async function fetchSalesChannelOptions(): Promise<ChoiceOption[]> {
  const { sales_channels } = await sdk.admin.salesChannel.list({ limit: 100, fields: "id,name" })
  return sales_channels.map((c) => ({ value: c.id, label: c.name }))
}

/** The stock locations (the stores of the Stores section), for the filter. */
export async function fetchStockLocationOptions(): Promise<ChoiceOption[]> {
  const { stock_locations } = await sdk.admin.stockLocation.list({ limit: 100, fields: "id,name" })
  return stock_locations.map((l) => ({ value: l.id, label: l.name }))
}
