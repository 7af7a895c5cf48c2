import { Container, Heading, Input, Select, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { formatCount, formatDay } from "../../lib/analytics-format"
import { fetchDailyTotals, fetchStores, terminalKeys, type DailyTotal } from "../../lib/terminals-api"
import { FiguresTable } from "../analytics/figures-table"
import { Field } from "../form-fields"
import { fieldOfError, messageUnderField } from "../settings/api-error"
import { SectionState } from "./section-state"
import { useTerminalNames } from "./use-terminal-names"

const ALL = "all"

/** Points awarded, redeemed and voided at the tills per day, store, device and staff member, with the period's sums. */
export const DailyTotalsSection = () => {
  const { t, i18n } = useTranslation("rewardflow")
  const names = useTerminalNames()
  const stores = useQuery({ queryKey: terminalKeys.stores, queryFn: fetchStores })
  const [from, setFrom] = useState("")
  const [to, setTo] = useState("")
  const [store, setStore] = useState(ALL)
  const storeId = store === ALL ? "" : store
  const totals = useQuery({ queryKey: terminalKeys.totals(from, to, storeId), queryFn: () => fetchDailyTotals(from, to, storeId), retry: false })
  const n = (v: number) => formatCount(v, i18n.language)
  const pair = (count: number, points: number) => t("terminals.totals.count_points", { times: n(count), points: n(points) })
  // A range the route refuses (from after to) is said under the date it names.
  const errorField = fieldOfError(totals.error, ["from", "to"])
  const d = totals.data
  return (
    <Container className="divide-y p-0" data-testid="rewardflow-terminal-totals">
      <div className="px-6 py-4">
        <Heading level="h2">{t("terminals.totals.title")}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {d ? t("terminals.totals.subtitle", { from: formatDay(d.from, i18n.language), to: formatDay(d.to, i18n.language) }) : t("terminals.totals.subtitle_default")}
        </Text>
      </div>
      <div className="grid grid-cols-3 gap-4 px-6 py-4">
        <Field id="rewardflow-totals-from" label={t("terminals.totals.from")} error={errorField === "from" ? messageUnderField(totals.error) : null}>
          <Input id="rewardflow-totals-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </Field>
        <Field id="rewardflow-totals-to" label={t("terminals.totals.to")} error={errorField === "to" ? messageUnderField(totals.error) : null}>
          <Input id="rewardflow-totals-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </Field>
        <Field id="rewardflow-totals-store" label={t("terminals.totals.store")}>
          <Select value={store} onValueChange={setStore}>
            <Select.Trigger id="rewardflow-totals-store">
              <Select.Value />
            </Select.Trigger>
            <Select.Content>
              <Select.Item value={ALL}>{t("terminals.totals.all_stores")}</Select.Item>
              {(stores.data ?? []).map((s) => (
                <Select.Item key={s.id} value={s.id}>
                  {s.name}
                </Select.Item>
              ))}
            </Select.Content>
          </Select>
        </Field>
      </div>
      {errorField ? null : (
        <SectionState
          testId="rewardflow-terminal-totals"
          query={totals}
          isEmpty={!d?.totals.length}
          empty={{ heading: t("terminals.totals.empty_heading"), description: t("terminals.totals.empty_description") }}
        >
          {d ? (
            <>
              <FiguresTable<DailyTotal>
                testId="rewardflow-terminal-totals-table"
                rows={d.totals}
                rowKey={(r) => `${r.day}:${r.stock_location_id}:${r.device_id}:${r.staff_id}`}
                columns={[
                  { id: "day", header: t("terminals.totals.day"), cell: (r) => formatDay(r.day, i18n.language) },
                  { id: "store", header: t("terminals.totals.store"), cell: (r) => names.store(r.stock_location_id) },
                  { id: "device", header: t("terminals.totals.device"), cell: (r) => names.device(r.device_id) },
                  { id: "staff", header: t("terminals.totals.staff"), cell: (r) => names.staff(r.staff_id) },
                  { id: "awarded", header: t("terminals.totals.awarded"), cell: (r) => pair(r.awards, r.points_awarded), numeric: true },
                  { id: "redeemed", header: t("terminals.totals.redeemed"), cell: (r) => pair(r.redemptions, r.points_redeemed), numeric: true },
                  { id: "voided", header: t("terminals.totals.voided"), cell: (r) => pair(r.voids, r.points_voided), numeric: true },
                ]}
              />
              <Text size="small" weight="plus" className="px-6 py-4" data-testid="rewardflow-terminal-totals-sums">
                {t("terminals.totals.sums", {
                  awarded: pair(d.sums.awards, d.sums.points_awarded),
                  redeemed: pair(d.sums.redemptions, d.sums.points_redeemed),
                  voided: pair(d.sums.voids, d.sums.points_voided),
                })}
              </Text>
            </>
          ) : null}
        </SectionState>
      )}
    </Container>
  )
}
