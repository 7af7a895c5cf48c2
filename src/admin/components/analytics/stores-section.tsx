import type { AnalyticsFilters, StoresReport } from "../../lib/analytics-api"
import { AnalyticsSection } from "./analytics-section"
import { FiguresTable } from "./figures-table"
import { useAnalyticsFormat } from "./use-analytics-format"

type Store = StoresReport["stores"][number]
/** A line of the table: a store, then its devices and staff members below it. */
type Line = { key: string; level: "store" | "device" | "staff"; name: string; points_awarded: number; points_redeemed: number; awards?: number; redemptions?: number }

const lines = (stores: Store[]): Line[] =>
  stores.flatMap((s) => [
    { key: s.stock_location_id, level: "store" as const, name: s.name, points_awarded: s.points_awarded, points_redeemed: s.points_redeemed, awards: s.awards, redemptions: s.redemptions },
    ...s.devices.map((d) => ({ key: `${s.stock_location_id}:device:${d.device_id}`, level: "device" as const, ...d })),
    ...s.staff.map((m) => ({ key: `${s.stock_location_id}:staff:${m.staff_id}`, level: "staff" as const, ...m })),
  ])

/** Stores: points awarded and redeemed per store (stock location), and per device and staff member in it. */
export const StoresSection = ({ filters }: { filters: AnalyticsFilters }) => {
  const f = useAnalyticsFormat()
  const { t } = f
  const name = (l: Line) =>
    l.level === "store" ? l.name : t(l.level === "device" ? "analytics.stores.device_row" : "analytics.stores.staff_row", { name: l.name })
  return (
    <AnalyticsSection
      report="stores"
      filters={filters}
      title={t("analytics.stores_title")}
      subtitle={t("analytics.stores_subtitle")}
      isEmpty={(d) => d.stores.length === 0}
    >
      {(d) => (
        <FiguresTable<Line>
          testId="rewardflow-analytics-stores-table"
          rows={lines(d.stores)}
          rowKey={(l) => l.key}
          rowClassName={(l) => (l.level === "store" ? "font-medium" : "text-ui-fg-subtle")}
          columns={[
            { id: "name", header: t("analytics.stores.store"), cell: (l) => <span style={l.level === "store" ? undefined : { paddingLeft: "1.25rem" }}>{name(l)}</span> },
            { id: "awards", header: t("analytics.stores.awards"), cell: (l) => (l.awards === undefined ? "" : f.count(l.awards)), numeric: true },
            { id: "redemptions", header: t("analytics.stores.redemptions"), cell: (l) => (l.redemptions === undefined ? "" : f.count(l.redemptions)), numeric: true },
            { id: "points_awarded", header: t("analytics.stores.points_awarded"), cell: (l) => f.count(l.points_awarded), numeric: true },
            { id: "points_redeemed", header: t("analytics.stores.points_redeemed"), cell: (l) => f.count(l.points_redeemed), numeric: true },
          ]}
        />
      )}
    </AnalyticsSection>
  )
}
