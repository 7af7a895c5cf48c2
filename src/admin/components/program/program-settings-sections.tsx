import { Input, Select } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { useTranslation } from "react-i18next"
import { numberOrText, programKeys, type ProgramSettings } from "../../lib/program-api"
import { fetchStoreCurrencies } from "../../lib/rewards-api"
import { Field, NumberField, SwitchField } from "../form-fields"
import { ProgramSectionCard } from "./program-section-card"
import { useProgramSection } from "./use-program-section"

const text = (n: number | null | undefined) => (n === null || n === undefined ? "" : String(n))

// Inline: the host app's Tailwind build has only the classes the dashboard itself uses (no max-w-xs).
const NARROW = { maxWidth: "20rem" }

/** Radix's Select has no empty value: "no tier currency" is this one. */
const NO_CURRENCY = "none"

/** What counts towards a tier, over which period, the grace before a downgrade, the tier currency. */
export const TierRulesSection = () => {
  const { t } = useTranslation("rewardflow")
  const section = useProgramSection({
    fields: ["tier_basis", "tier_period", "tier_grace_days", "tier_currency_code"],
    toDraft: (p: ProgramSettings) => ({
      tier_basis: p.tier_basis,
      tier_period: p.tier_period,
      tier_grace_days: text(p.tier_grace_days),
      tier_currency_code: p.tier_currency_code ?? NO_CURRENCY,
    }),
    toBody: (d) => ({
      tier_basis: d.tier_basis,
      tier_period: d.tier_period,
      tier_grace_days: numberOrText(d.tier_grace_days),
      tier_currency_code: d.tier_currency_code === NO_CURRENCY ? null : d.tier_currency_code,
    }),
  })
  const currencies = useQuery({ queryKey: programKeys.currencies, queryFn: fetchStoreCurrencies })
  const d = section.draft
  const codes = [...new Set([...(currencies.data ?? []), ...(d && d.tier_currency_code !== NO_CURRENCY ? [d.tier_currency_code] : [])])]
  return (
    <ProgramSectionCard testId="rewardflow-tier-rules" heading={t("program.tierRules.heading")} subtitle={t("program.tierRules.subtitle")} section={section}>
      {d ? (
        <div className="grid grid-cols-2 gap-4">
          <Field id="rewardflow-tier-basis" label={t("program.tierRules.basis")} hint={t("program.tierRules.basisHint")} error={section.errorFor("tier_basis")}>
            <Select value={d.tier_basis} onValueChange={(v) => section.set({ tier_basis: v as ProgramSettings["tier_basis"] })}>
              <Select.Trigger id="rewardflow-tier-basis">
                <Select.Value />
              </Select.Trigger>
              <Select.Content>
                <Select.Item value="points_earned">{t("program.tierRules.basisPointsEarned")}</Select.Item>
                <Select.Item value="money_spent">{t("program.tierRules.basisMoneySpent")}</Select.Item>
              </Select.Content>
            </Select>
          </Field>
          <Field id="rewardflow-tier-period" label={t("program.tierRules.period")} error={section.errorFor("tier_period")}>
            <Select value={d.tier_period} onValueChange={(v) => section.set({ tier_period: v as ProgramSettings["tier_period"] })}>
              <Select.Trigger id="rewardflow-tier-period">
                <Select.Value />
              </Select.Trigger>
              <Select.Content>
                <Select.Item value="rolling_12_months">{t("program.tierRules.periodRolling")}</Select.Item>
                <Select.Item value="calendar_year">{t("program.tierRules.periodCalendar")}</Select.Item>
              </Select.Content>
            </Select>
          </Field>
          <NumberField
            id="rewardflow-tier-grace-days"
            label={t("program.tierRules.graceDays")}
            hint={t("program.tierRules.graceDaysHint")}
            min={0}
            value={d.tier_grace_days}
            error={section.errorFor("tier_grace_days")}
            onChange={(tier_grace_days) => section.set({ tier_grace_days })}
          />
          <Field id="rewardflow-tier-currency" label={t("program.tierRules.currency")} hint={t("program.tierRules.currencyHint")} error={section.errorFor("tier_currency_code")}>
            <Select value={d.tier_currency_code} onValueChange={(tier_currency_code) => section.set({ tier_currency_code })}>
              <Select.Trigger id="rewardflow-tier-currency">
                <Select.Value />
              </Select.Trigger>
              <Select.Content>
                <Select.Item value={NO_CURRENCY}>{t("program.tierRules.currencyNone")}</Select.Item>
                {codes.map((code) => (
                  <Select.Item key={code} value={code}>
                    {code.toUpperCase()}
                  </Select.Item>
                ))}
              </Select.Content>
            </Select>
          </Field>
        </div>
      ) : null}
    </ProgramSectionCard>
  )
}

/** Order points held as pending for N days (off by default). */
export const PendingPointsSection = () => {
  const { t } = useTranslation("rewardflow")
  const section = useProgramSection({
    fields: ["pending_days"],
    toDraft: (p: ProgramSettings) => ({ enabled: p.pending_days !== null, days: text(p.pending_days) }),
    toBody: (d) => ({ pending_days: d.enabled ? numberOrText(d.days) : null }),
  })
  const d = section.draft
  return (
    <ProgramSectionCard testId="rewardflow-pending" heading={t("program.pending.heading")} subtitle={t("program.pending.subtitle")} section={section}>
      {d ? (
        <>
          <SwitchField
            id="rewardflow-pending-enabled"
            label={t("program.pending.enabled")}
            hint={t("program.pending.enabledHint")}
            checked={d.enabled}
            onChange={(enabled) => section.set({ enabled, days: enabled && !d.days ? "14" : d.days })}
          />
          {d.enabled ? (
            <div style={NARROW}>
              <NumberField
                id="rewardflow-pending-days"
                label={t("program.pending.days")}
                hint={t("program.pending.daysHint")}
                value={d.days}
                error={section.errorFor("pending_days")}
                onChange={(days) => section.set({ days })}
              />
            </div>
          ) : null}
        </>
      ) : null}
    </ProgramSectionCard>
  )
}

/** The time zones the browser knows, for the time zone field's suggestions. */
const timeZones = (): string[] => (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.("timeZone") ?? []

/** The birthday bonus and the program's time zone (when a birthday, and a calendar year, starts). */
export const BirthdaySection = () => {
  const { t } = useTranslation("rewardflow")
  const section = useProgramSection({
    fields: ["birthday_bonus_points", "time_zone"],
    toDraft: (p: ProgramSettings) => ({ points: text(p.birthday_bonus_points), time_zone: p.time_zone }),
    toBody: (d) => ({ birthday_bonus_points: numberOrText(d.points), time_zone: d.time_zone.trim() }),
  })
  const d = section.draft
  return (
    <ProgramSectionCard testId="rewardflow-birthday" heading={t("program.birthday.heading")} subtitle={t("program.birthday.subtitle")} section={section}>
      {d ? (
        <div className="grid grid-cols-2 gap-4">
          <NumberField
            id="rewardflow-birthday-points"
            label={t("program.birthday.points")}
            hint={t("program.birthday.pointsHint")}
            min={0}
            value={d.points}
            error={section.errorFor("birthday_bonus_points")}
            onChange={(points) => section.set({ points })}
          />
          <Field id="rewardflow-time-zone" label={t("program.birthday.timeZone")} hint={t("program.birthday.timeZoneHint")} error={section.errorFor("time_zone")}>
            <Input id="rewardflow-time-zone" list="rewardflow-time-zones" value={d.time_zone} onChange={(e) => section.set({ time_zone: e.target.value })} />
            <datalist id="rewardflow-time-zones">
              {timeZones().map((zone) => (
                <option key={zone} value={zone} />
              ))}
            </datalist>
          </Field>
        </div>
      ) : null}
    </ProgramSectionCard>
  )
}

/** What a referral earns each side, and how many referrals a member may make in a week. */
export const ReferralSection = () => {
  const { t } = useTranslation("rewardflow")
  const section = useProgramSection({
    fields: ["referral_referrer_points", "referral_referee_points", "referral_weekly_limit"],
    toDraft: (p: ProgramSettings) => ({
      referrer: text(p.referral_referrer_points),
      referee: text(p.referral_referee_points),
      weekly: text(p.referral_weekly_limit),
    }),
    toBody: (d) => ({
      referral_referrer_points: numberOrText(d.referrer),
      referral_referee_points: numberOrText(d.referee),
      referral_weekly_limit: numberOrText(d.weekly),
    }),
  })
  const d = section.draft
  return (
    <ProgramSectionCard testId="rewardflow-referral" heading={t("program.referral.heading")} subtitle={t("program.referral.subtitle")} section={section}>
      {d ? (
        <div className="grid grid-cols-3 gap-4">
          <NumberField
            id="rewardflow-referrer-points"
            label={t("program.referral.referrerPoints")}
            min={0}
            value={d.referrer}
            error={section.errorFor("referral_referrer_points")}
            onChange={(referrer) => section.set({ referrer })}
          />
          <NumberField
            id="rewardflow-referee-points"
            label={t("program.referral.refereePoints")}
            min={0}
            value={d.referee}
            error={section.errorFor("referral_referee_points")}
            onChange={(referee) => section.set({ referee })}
          />
          <NumberField
            id="rewardflow-referral-weekly-limit"
            label={t("program.referral.weeklyLimit")}
            hint={t("program.referral.weeklyLimitHint")}
            min={0}
            value={d.weekly}
            error={section.errorFor("referral_weekly_limit")}
            onChange={(weekly) => section.set({ weekly })}
          />
        </div>
      ) : null}
    </ProgramSectionCard>
  )
}

/** How long points stay valid: months (or never), to the end of the month, extended by activity. */
export const ExpirySection = () => {
  const { t } = useTranslation("rewardflow")
  const section = useProgramSection({
    fields: ["points_validity_months", "validity_end_of_month", "activity_extends_validity"],
    toDraft: (p: ProgramSettings) => ({
      months: text(p.points_validity_months),
      end_of_month: p.validity_end_of_month,
      activity: p.activity_extends_validity,
    }),
    toBody: (d) => ({
      points_validity_months: numberOrText(d.months),
      validity_end_of_month: d.end_of_month,
      activity_extends_validity: d.activity,
    }),
  })
  const d = section.draft
  return (
    <ProgramSectionCard testId="rewardflow-expiry" heading={t("program.expiry.heading")} subtitle={t("program.expiry.subtitle")} section={section}>
      {d ? (
        <>
          <div style={NARROW}>
            <NumberField
              id="rewardflow-validity-months"
              label={t("program.expiry.validityMonths")}
              hint={t("program.expiry.validityMonthsHint")}
              value={d.months}
              error={section.errorFor("points_validity_months")}
              onChange={(months) => section.set({ months })}
            />
          </div>
          <SwitchField
            id="rewardflow-validity-end-of-month"
            label={t("program.expiry.endOfMonth")}
            hint={t("program.expiry.endOfMonthHint")}
            checked={d.end_of_month}
            onChange={(end_of_month) => section.set({ end_of_month })}
          />
          <SwitchField
            id="rewardflow-activity-extends"
            label={t("program.expiry.activityExtends")}
            hint={t("program.expiry.activityExtendsHint")}
            checked={d.activity}
            onChange={(activity) => section.set({ activity })}
          />
        </>
      ) : null}
    </ProgramSectionCard>
  )
}
