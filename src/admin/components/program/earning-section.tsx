import { Badge, Input, Select, Switch, Table, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { useTranslation } from "react-i18next"
import type { ProgramSettings } from "../../lib/program-api"
import {
  earnRatesToBody,
  earnRatesToDraft,
  fetchRegionCurrencies,
  formatRateAmount,
  programGeneralKeys,
  type EarnRateDraft,
} from "../../lib/program-general-api"
import { Field, FieldError, SwitchField } from "../form-fields"
import { ProgramSectionCard } from "./program-section-card"
import { sectionFieldErrors } from "./section-field-errors"
import { useProgramSection } from "./use-program-section"

const positive = (text: string) => {
  const n = Number(text.trim())
  return text.trim() !== "" && Number.isFinite(n) && n > 0 ? n : null
}

/** One number of a rate (points or amount), labelled for its currency, with the API's message under it. */
const RateInput = ({ id, label, value, error, onChange }: { id: string; label: string; value: string; error: string | null; onChange: (value: string) => void }) => (
  <div className="flex flex-col gap-y-1 py-2">
    <Input size="small" type="number" step="any" id={id} aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} />
    <FieldError id={id} error={error} />
  </div>
)

/**
 * How orders earn: a rate per currency of the store's regions ("N points per AMOUNT CUR"; a
 * currency without one earns nothing, and the row says so), the rounding of fractional points,
 * and whether shipping and taxes count. Rates of currencies no region uses are kept and shown.
 */
export const EarningSection = () => {
  const { t, i18n } = useTranslation("rewardflow")
  const locale = i18n.language
  const section = useProgramSection({
    fields: ["earn_rates", "rounding", "count_shipping", "count_taxes"],
    toDraft: (p: ProgramSettings) => ({
      rates: earnRatesToDraft(p.earn_rates),
      rounding: p.rounding,
      count_shipping: p.count_shipping,
      count_taxes: p.count_taxes,
    }),
    toBody: (d) => ({ earn_rates: earnRatesToBody(d.rates), rounding: d.rounding, count_shipping: d.count_shipping, count_taxes: d.count_taxes }),
  })
  const regions = useQuery({ queryKey: programGeneralKeys.regionCurrencies, queryFn: fetchRegionCurrencies })
  const d = section.draft
  const regionsOf = new Map((regions.data ?? []).map((c) => [c.code, c.regions]))
  const codes = [...new Set([...regionsOf.keys(), ...Object.keys(d?.rates ?? {})])].sort()
  const errors = sectionFieldErrors(
    section,
    ["earn_rates", "rounding", ...codes.flatMap((c) => [`earn_rates.${c}`, `earn_rates.${c}.points`, `earn_rates.${c}.amount`])]
  )
  const setRate = (code: string, patch: Partial<EarnRateDraft>) => {
    const current = d!.rates[code] ?? { on: false, points: "1", amount: "1" }
    section.set({ rates: { ...d!.rates, [code]: { ...current, ...patch } } })
  }

  return (
    <ProgramSectionCard testId="rewardflow-program-earning" heading={t("programGeneral.earning.heading")} subtitle={t("programGeneral.earning.subtitle")} section={errors.card}>
      {d ? (
        <>
          {regions.isError ? (
            <Text size="small" className="text-ui-fg-error" role="alert">
              {(regions.error as Error).message}
            </Text>
          ) : null}
          {regions.isLoading ? (
            <Text size="small" className="text-ui-fg-subtle">
              {t("program.loading")}
            </Text>
          ) : !codes.length ? (
            <Text size="small" className="text-ui-fg-subtle">
              {t("programGeneral.earning.noCurrencies")}
            </Text>
          ) : (
            <Table data-testid="rewardflow-earn-rates">
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell>{t("programGeneral.earning.currency")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("programGeneral.earning.earns")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("programGeneral.earning.points")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("programGeneral.earning.amount")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("programGeneral.earning.rateColumn")}</Table.HeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {codes.map((code) => {
                  const CODE = code.toUpperCase()
                  const rate = d.rates[code]
                  const on = !!rate?.on
                  const points = rate ? positive(rate.points) : null
                  const amount = rate ? positive(rate.amount) : null
                  const names = regionsOf.get(code)
                  return (
                    <Table.Row key={code} data-testid={`rewardflow-earn-rate-${code}`}>
                      <Table.Cell>
                        <div className="flex flex-col py-2">
                          <Text size="small" weight="plus">
                            {CODE}
                          </Text>
                          <Text size="xsmall" className="text-ui-fg-subtle">
                            {names ? names.join(", ") : t("programGeneral.earning.noRegion")}
                          </Text>
                        </div>
                      </Table.Cell>
                      <Table.Cell>
                        <Switch
                          aria-label={t("programGeneral.earning.earnsIn", { currency: CODE })}
                          checked={on}
                          onCheckedChange={(checked) => setRate(code, { on: checked })}
                        />
                      </Table.Cell>
                      {(["points", "amount"] as const).map((part) => (
                        <Table.Cell key={part}>
                          {on ? (
                            <RateInput
                              id={`rewardflow-earn-${part}-${code}`}
                              label={t(part === "points" ? "programGeneral.earning.pointsFor" : "programGeneral.earning.amountFor", { currency: CODE })}
                              value={rate![part]}
                              error={errors.at(`earn_rates.${code}.${part}`)}
                              onChange={(value) => setRate(code, { [part]: value })}
                            />
                          ) : null}
                        </Table.Cell>
                      ))}
                      <Table.Cell>
                        <div className="flex flex-col gap-y-1 py-2" data-testid={`rewardflow-earn-rate-${code}-summary`}>
                          {!on ? (
                            <Badge size="2xsmall" color="orange" className="w-fit">
                              {t("programGeneral.earning.doesNotEarn")}
                            </Badge>
                          ) : points !== null && amount !== null ? (
                            <Text size="small">
                              {t("programGeneral.earning.rate", {
                                count: points,
                                points: new Intl.NumberFormat(locale).format(points),
                                amount: formatRateAmount(amount, code, locale),
                                currency: CODE,
                              })}
                            </Text>
                          ) : null}
                          <FieldError id={`rewardflow-earn-rate-${code}`} error={errors.at(`earn_rates.${code}`)} />
                        </div>
                      </Table.Cell>
                    </Table.Row>
                  )
                })}
              </Table.Body>
            </Table>
          )}
          <Text size="small" className="text-ui-fg-subtle">
            {t("programGeneral.earning.noRateHint")}
          </Text>
          <FieldError id="rewardflow-earn-rates" error={errors.at("earn_rates")} />
          <div className="grid grid-cols-2 gap-4">
            <Field id="rewardflow-rounding" label={t("programGeneral.earning.rounding")} hint={t("programGeneral.earning.roundingHint")} error={errors.at("rounding")}>
              <Select value={d.rounding} onValueChange={(v) => section.set({ rounding: v as ProgramSettings["rounding"] })}>
                <Select.Trigger id="rewardflow-rounding">
                  <Select.Value />
                </Select.Trigger>
                <Select.Content>
                  <Select.Item value="floor">{t("programGeneral.earning.roundingFloor")}</Select.Item>
                  <Select.Item value="nearest">{t("programGeneral.earning.roundingNearest")}</Select.Item>
                </Select.Content>
              </Select>
            </Field>
          </div>
          <SwitchField
            id="rewardflow-count-shipping"
            label={t("programGeneral.earning.countShipping")}
            hint={t("programGeneral.earning.countShippingHint")}
            checked={d.count_shipping}
            onChange={(count_shipping) => section.set({ count_shipping })}
          />
          <SwitchField
            id="rewardflow-count-taxes"
            label={t("programGeneral.earning.countTaxes")}
            hint={t("programGeneral.earning.countTaxesHint")}
            checked={d.count_taxes}
            onChange={(count_taxes) => section.set({ count_taxes })}
          />
        </>
      ) : null}
    </ProgramSectionCard>
  )
}
