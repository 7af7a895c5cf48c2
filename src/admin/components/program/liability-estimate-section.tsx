import { Input, Select, Text } from "@medusajs/ui"
import { useQuery, useQueryClient } from "@tanstack/react-query"
import { useTranslation } from "react-i18next"
import { formatAmount, formatInstantDay, formatRate } from "../../lib/analytics-format"
import { programKeys, type ProgramSettings } from "../../lib/program-api"
import { dayStartInZone, decimalText, fetchRegionCurrencies, programGeneralKeys } from "../../lib/program-general-api"
import { fetchStoreCurrencies } from "../../lib/rewards-api"
import { Field } from "../form-fields"
import { ProgramSectionCard } from "./program-section-card"
import { sectionFieldErrors } from "./section-field-errors"
import { useProgramSection } from "./use-program-section"

const FIELD = {
  currency: "liability_estimate.currency_code",
  value: "liability_estimate.point_value",
  rate: "liability_estimate.expected_redemption_rate",
  effective: "liability_estimate.effective_at",
} as const

/**
 * The liability estimate (IFRS 15) the Analytics page values points with: the one in force, and a
 * form that saves a new one (kept beside the earlier ones, from its day on; empty day: now). The
 * form starts from the estimate in force, so that changing one figure keeps the others.
 */
export const LiabilityEstimateSection = () => {
  const { t, i18n } = useTranslation("rewardflow")
  const locale = i18n.language
  const queryClient = useQueryClient()
  const regions = useQuery({ queryKey: programGeneralKeys.regionCurrencies, queryFn: fetchRegionCurrencies })
  // The store's currencies, its default first: the first estimate is proposed in it.
  const storeCurrencies = useQuery({ queryKey: programKeys.currencies, queryFn: fetchStoreCurrencies })
  const section = useProgramSection({
    fields: ["liability_estimate"],
    toDraft: (p: ProgramSettings) => ({
      currency_code: p.liability_estimate?.currency_code ?? "",
      point_value: p.liability_estimate?.point_value ?? "",
      rate: p.liability_estimate?.expected_redemption_rate ?? "",
      day: "",
    }),
    toBody: (d) => {
      // The day starts in the program's time zone as it is saved now (another section may have changed it).
      const zone = queryClient.getQueryData<ProgramSettings>(programKeys.program)?.time_zone ?? "UTC"
      const effective_at = dayStartInZone(d.day, zone)
      return {
        liability_estimate: {
          currency_code: d.currency_code,
          point_value: decimalText(d.point_value),
          expected_redemption_rate: decimalText(d.rate),
          ...(effective_at ? { effective_at } : {}),
        },
      }
    },
  })
  const errors = sectionFieldErrors(section, ["liability_estimate", ...Object.values(FIELD)])
  const program = section.query.data as ProgramSettings | undefined
  const current = program?.liability_estimate ?? null
  const d = section.draft
  // The store's default currency first, then its regions'; the estimate's own even if no region uses it any more.
  const codes = [...new Set([...(storeCurrencies.data ?? []), ...(regions.data ?? []).map((c) => c.code), ...(current ? [current.currency_code] : [])])]
  // Proposed only once the store's default is known (else a region's currency would show first).
  const currencyValue = d?.currency_code || (storeCurrencies.isLoading ? "" : codes[0] ?? "")

  return (
    <ProgramSectionCard
      testId="rewardflow-program-liability"
      heading={t("programGeneral.liability.heading")}
      subtitle={t("programGeneral.liability.subtitle")}
      section={{ ...errors.card, dirty: section.dirty && !!currencyValue }}
    >
      {d && program ? (
        <>
          <div className="flex flex-col gap-y-1">
            <Text size="small" weight="plus">
              {t("programGeneral.liability.current")}
            </Text>
            <Text size="small" className={current ? undefined : "text-ui-fg-subtle"} data-testid="rewardflow-program-liability-current">
              {current
                ? t("analytics.liability.estimate", {
                    value: formatAmount(current.point_value, locale, current.currency_code, 6),
                    rate: formatRate(Number(current.expected_redemption_rate), locale),
                    date: formatInstantDay(current.effective_at, locale, program.time_zone),
                  })
                : t("analytics.liability.no_estimate")}
            </Text>
            {program.liability_estimates > 1 ? (
              <Text size="small" className="text-ui-fg-subtle">
                {t("programGeneral.liability.saved", { count: program.liability_estimates })}
              </Text>
            ) : null}
          </div>
          <Text size="small" className="text-ui-fg-subtle" data-testid="rewardflow-program-liability-explain">
            {t("programGeneral.liability.explain")}
          </Text>
          <div className="grid grid-cols-2 gap-4">
            <Field id="rewardflow-liability-currency" label={t("programGeneral.liability.currency")} error={errors.at(FIELD.currency)}>
              <Select value={currencyValue} onValueChange={(currency_code) => section.set({ currency_code })}>
                <Select.Trigger id="rewardflow-liability-currency">
                  <Select.Value placeholder={t("program.loading")} />
                </Select.Trigger>
                <Select.Content>
                  {codes.map((code) => (
                    <Select.Item key={code} value={code}>
                      {code.toUpperCase()}
                    </Select.Item>
                  ))}
                </Select.Content>
              </Select>
            </Field>
            <Field id="rewardflow-liability-point-value" label={t("programGeneral.liability.pointValue")} hint={t("programGeneral.liability.pointValueHint")} error={errors.at(FIELD.value)}>
              <Input
                id="rewardflow-liability-point-value"
                inputMode="decimal"
                value={d.point_value}
                onChange={(e) => section.set({ point_value: e.target.value, currency_code: currencyValue })}
              />
            </Field>
            <Field id="rewardflow-liability-rate" label={t("programGeneral.liability.rate")} hint={t("programGeneral.liability.rateHint")} error={errors.at(FIELD.rate)}>
              <Input id="rewardflow-liability-rate" inputMode="decimal" value={d.rate} onChange={(e) => section.set({ rate: e.target.value, currency_code: currencyValue })} />
            </Field>
            <Field
              id="rewardflow-liability-effective"
              label={t("programGeneral.liability.effective")}
              hint={t("programGeneral.liability.effectiveHint", { zone: program.time_zone })}
              error={errors.at(FIELD.effective)}
            >
              <Input id="rewardflow-liability-effective" type="date" value={d.day} onChange={(e) => section.set({ day: e.target.value, currency_code: currencyValue })} />
            </Field>
          </div>
        </>
      ) : null}
    </ProgramSectionCard>
  )
}
