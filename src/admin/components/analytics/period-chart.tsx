import { Text } from "@medusajs/ui"
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts"

/** A series of a chart: the row property it plots, its translated name, its colour. */
export type ChartSeries = { key: string; label: string; color: string }

/**
 * The dashboard's own colours (@medusajs/ui CSS variables), so that a chart looks like the rest of
 * the admin and follows its light and dark theme.
 */
export const CHART_COLORS = {
  interactive: "var(--fg-interactive)",
  green: "var(--tag-green-icon)",
  orange: "var(--tag-orange-icon)",
  red: "var(--tag-red-icon)",
  purple: "var(--tag-purple-icon)",
  grey: "var(--tag-neutral-icon)",
} as const

const AXIS = { fontSize: 12, fill: "var(--fg-subtle)" }
const TOOLTIP = {
  contentStyle: {
    background: "var(--bg-base)",
    border: "1px solid var(--border-base)",
    borderRadius: 8,
    boxShadow: "var(--elevation-tooltip, none)",
    color: "var(--fg-base)",
    fontSize: 12,
  },
  labelStyle: { color: "var(--fg-base)", fontWeight: 500 },
  cursor: { fill: "var(--bg-subtle)" },
}

/**
 * Figures per period as bars (amounts that add up: points issued, redeemed...) or lines (levels:
 * deferred revenue), with axes, legend and tooltip labelled in the admin's language.
 */
export const PeriodChart = <Row extends { period: string }>({
  title,
  rows,
  series,
  kind = "bar",
  periodLabel,
  valueLabel,
  testId,
}: {
  title: string
  rows: Row[]
  series: ChartSeries[]
  kind?: "bar" | "line"
  periodLabel: (period: string) => string
  valueLabel: (value: number) => string
  testId: string
}) => {
  // Money comes as decimal strings; a chart needs numbers (display only, never summed back).
  const data = rows.map((row) => ({
    ...row,
    ...Object.fromEntries(series.map((s) => [s.key, Number((row as Record<string, unknown>)[s.key] ?? 0)])),
  }))
  // Legend and tooltip in the series' own order (recharts sorts them by name otherwise).
  const order = (item: { dataKey?: unknown }) => series.findIndex((s) => s.key === item.dataKey)
  const common = {
    data,
    margin: { top: 8, right: 8, bottom: 0, left: 8 },
  }
  const axes = [
    <CartesianGrid key="grid" vertical={false} stroke="var(--border-base)" />,
    <XAxis key="x" dataKey="period" tickFormatter={periodLabel} tick={AXIS} axisLine={{ stroke: "var(--border-base)" }} tickLine={false} />,
    <YAxis key="y" tickFormatter={valueLabel} tick={AXIS} axisLine={false} tickLine={false} width={72} />,
    <Tooltip
      key="tooltip"
      {...TOOLTIP}
      labelFormatter={(label) => periodLabel(String(label))}
      formatter={(value, name) => [valueLabel(Number(value)), name]}
      itemSorter={order}
    />,
    <Legend key="legend" itemSorter={order} iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12, color: "var(--fg-subtle)" }} />,
  ]
  return (
    <figure className="flex flex-col gap-y-2" data-testid={testId} aria-label={title}>
      <figcaption>
        <Text size="small" weight="plus">
          {title}
        </Text>
      </figcaption>
      <div style={{ width: "100%", height: 260 }}>
        <ResponsiveContainer width="100%" height="100%">
          {kind === "bar" ? (
            <BarChart {...common}>
              {axes}
              {series.map((s) => (
                <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} radius={[3, 3, 0, 0]} maxBarSize={28} isAnimationActive={false} />
              ))}
            </BarChart>
          ) : (
            <LineChart {...common}>
              {axes}
              {series.map((s) => (
                <Line key={s.key} type="monotone" dataKey={s.key} name={s.label} stroke={s.color} strokeWidth={2} dot={false} isAnimationActive={false} />
              ))}
            </LineChart>
          )}
        </ResponsiveContainer>
      </div>
    </figure>
  )
}
