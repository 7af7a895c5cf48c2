import { Button, Container, Input, Label, Select, Switch } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { useTranslation } from "react-i18next"
import {
  ANALYTICS_INTERVALS,
  analyticsKeys,
  EMPTY_FILTERS,
  fetchSalesChannelOptions,
  fetchStockLocationOptions,
  type AnalyticsFilters as Filters,
  type ChoiceOption,
} from "../../lib/analytics-api"
import { fetchStoreCurrencies, rewardKeys } from "../../lib/rewards-api"
import { Field } from "../form-fields"

/** Radix's Select has no empty value: "not filtered" is this one. */
const ALL = "all"

// Inline: the host app's Tailwind build has only the classes the dashboard itself uses.
const GRID = { display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(11rem, 1fr))", gap: "0.75rem" }

const ChoiceFilter = ({
  id,
  label,
  value,
  options,
  onChange,
}: {
  id: string
  label: string
  value: string
  options: ChoiceOption[]
  onChange: (value: string) => void
}) => {
  const { t } = useTranslation("rewardflow")
  return (
    <Field id={id} label={label}>
      <Select value={value || ALL} onValueChange={(v) => onChange(v === ALL ? "" : v)}>
        <Select.Trigger id={id}>
          <Select.Value />
        </Select.Trigger>
        <Select.Content>
          <Select.Item value={ALL}>{t("analytics.filters.all")}</Select.Item>
          {options.map((o) => (
            <Select.Item key={o.value} value={o.value}>
              {o.label}
            </Select.Item>
          ))}
        </Select.Content>
      </Select>
    </Field>
  )
}

/**
 * The filters every figure of the page follows: the days (from, to; empty: the routes' default,
 * the last 12 months), the interval, and sales channel, store (stock location) and currency.
 */
export const AnalyticsFilters = ({ filters, onChange }: { filters: Filters; onChange: (filters: Filters) => void }) => {
  const { t } = useTranslation("rewardflow")
  const channels = useQuery({ queryKey: analyticsKeys.salesChannels, queryFn: fetchSalesChannelOptions })
  const locations = useQuery({ queryKey: analyticsKeys.stockLocations, queryFn: fetchStockLocationOptions })
  const currencies = useQuery({ queryKey: rewardKeys.currencies, queryFn: fetchStoreCurrencies })
  const set = (patch: Partial<Filters>) => onChange({ ...filters, ...patch })

  return (
    <Container className="flex flex-col gap-y-3 px-6 py-4" data-testid="rewardflow-analytics-filters">
      <div style={GRID}>
        <Field id="rewardflow-analytics-from" label={t("analytics.filters.from")}>
          <Input id="rewardflow-analytics-from" type="date" value={filters.from} max={filters.to || undefined} onChange={(e) => set({ from: e.target.value })} />
        </Field>
        <Field id="rewardflow-analytics-to" label={t("analytics.filters.to")}>
          <Input id="rewardflow-analytics-to" type="date" value={filters.to} min={filters.from || undefined} onChange={(e) => set({ to: e.target.value })} />
        </Field>
        <Field id="rewardflow-analytics-interval" label={t("analytics.filters.interval")}>
          <Select value={filters.interval} onValueChange={(v) => set({ interval: v as Filters["interval"] })}>
            <Select.Trigger id="rewardflow-analytics-interval">
              <Select.Value />
            </Select.Trigger>
            <Select.Content>
              {ANALYTICS_INTERVALS.map((interval) => (
                <Select.Item key={interval} value={interval}>
                  {t(`analytics.intervals.${interval}`)}
                </Select.Item>
              ))}
            </Select.Content>
          </Select>
        </Field>
        <ChoiceFilter
          id="rewardflow-analytics-sales-channel"
          label={t("analytics.filters.sales_channel")}
          value={filters.sales_channel_id}
          options={channels.data ?? []}
          onChange={(sales_channel_id) => set({ sales_channel_id })}
        />
        <ChoiceFilter
          id="rewardflow-analytics-store"
          label={t("analytics.filters.store")}
          value={filters.stock_location_id}
          options={locations.data ?? []}
          onChange={(stock_location_id) => set({ stock_location_id })}
        />
        <ChoiceFilter
          id="rewardflow-analytics-currency"
          label={t("analytics.filters.currency")}
          value={filters.currency_code}
          options={(currencies.data ?? []).map((code) => ({ value: code, label: code.toUpperCase() }))}
          onChange={(currency_code) => set({ currency_code })}
        />
      </div>
      <div className="flex items-center justify-between gap-x-4">
        <div className="flex items-center gap-x-2">
          <Switch id="rewardflow-analytics-include-test" checked={filters.include_test === "true"} onCheckedChange={(on) => set({ include_test: on ? "true" : "" })} />
          <Label htmlFor="rewardflow-analytics-include-test" size="small">
            {t("analytics.filters.include_test")}
          </Label>
        </div>
        <Button size="small" variant="secondary" onClick={() => onChange(EMPTY_FILTERS)}>
          {t("analytics.filters.reset")}
        </Button>
      </div>
    </Container>
  )
}
