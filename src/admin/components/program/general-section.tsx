import { Input, Select, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { numberOrText, TIER_LOCALES, type ProgramSettings } from "../../lib/program-api"
import { Field, NumberField, SwitchField } from "../form-fields"
import { ProgramSectionCard } from "./program-section-card"
import { useProgramSection } from "./use-program-section"

/**
 * The program itself: its name (shoppers see it), active or paused, auto-enroll, the shoppers'
 * default language and the welcome bonus. The points' validity is edited under Expiry (one field,
 * one place); it is repeated here so that the basics read in one card.
 */
export const GeneralSection = () => {
  const { t } = useTranslation("rewardflow")
  const section = useProgramSection({
    fields: ["name", "status", "auto_enroll", "default_locale", "welcome_bonus_points"],
    toDraft: (p: ProgramSettings) => ({
      name: p.name,
      status: p.status,
      auto_enroll: p.auto_enroll,
      default_locale: p.default_locale,
      welcome: String(p.welcome_bonus_points ?? 0),
    }),
    toBody: (d) => ({
      name: d.name,
      status: d.status,
      auto_enroll: d.auto_enroll,
      default_locale: d.default_locale,
      welcome_bonus_points: numberOrText(d.welcome),
    }),
  })
  const d = section.draft
  // Read only here (the Expiry section edits it): always the saved value, never a draft.
  const validity = (section.query.data as ProgramSettings | undefined)?.points_validity_months ?? null
  return (
    <ProgramSectionCard testId="rewardflow-program-general" heading={t("programGeneral.general.heading")} subtitle={t("programGeneral.general.subtitle")} section={section}>
      {d ? (
        <>
          <div className="grid grid-cols-2 gap-4">
            <Field id="rewardflow-program-name" label={t("programGeneral.general.name")} hint={t("programGeneral.general.nameHint")} error={section.errorFor("name")}>
              <Input id="rewardflow-program-name" value={d.name} onChange={(e) => section.set({ name: e.target.value })} />
            </Field>
            <Field
              id="rewardflow-program-status"
              label={t("programGeneral.general.status")}
              hint={d.status === "paused" ? t("programGeneral.general.statusPausedHint") : t("programGeneral.general.statusActiveHint")}
              error={section.errorFor("status")}
            >
              <Select value={d.status} onValueChange={(v) => section.set({ status: v as ProgramSettings["status"] })}>
                <Select.Trigger id="rewardflow-program-status">
                  <Select.Value />
                </Select.Trigger>
                <Select.Content>
                  <Select.Item value="active">{t("programGeneral.general.statusActive")}</Select.Item>
                  <Select.Item value="paused">{t("programGeneral.general.statusPaused")}</Select.Item>
                </Select.Content>
              </Select>
            </Field>
            <Field id="rewardflow-program-locale" label={t("programGeneral.general.defaultLocale")} hint={t("programGeneral.general.defaultLocaleHint")} error={section.errorFor("default_locale")}>
              <Select value={d.default_locale} onValueChange={(v) => section.set({ default_locale: v as ProgramSettings["default_locale"] })}>
                <Select.Trigger id="rewardflow-program-locale">
                  <Select.Value />
                </Select.Trigger>
                <Select.Content>
                  {TIER_LOCALES.map((locale) => (
                    <Select.Item key={locale} value={locale}>
                      {t(`locales.${locale}`)}
                    </Select.Item>
                  ))}
                </Select.Content>
              </Select>
            </Field>
            <NumberField
              id="rewardflow-welcome-bonus"
              label={t("programGeneral.general.welcomeBonus")}
              hint={t("programGeneral.general.welcomeBonusHint")}
              min={0}
              value={d.welcome}
              error={section.errorFor("welcome_bonus_points")}
              onChange={(welcome) => section.set({ welcome })}
            />
          </div>
          <SwitchField
            id="rewardflow-auto-enroll"
            label={t("programGeneral.general.autoEnroll")}
            hint={t("programGeneral.general.autoEnrollHint")}
            checked={d.auto_enroll}
            onChange={(auto_enroll) => section.set({ auto_enroll })}
          />
          <div className="flex flex-col gap-y-1" data-testid="rewardflow-program-validity">
            <Text size="small" weight="plus">
              {t("programGeneral.general.validity")}
            </Text>
            <Text size="small" className="text-ui-fg-subtle">
              {validity === null
                ? t("programGeneral.general.validityNever")
                : t("programGeneral.general.validityMonths", { count: validity })}
            </Text>
          </div>
        </>
      ) : null}
    </ProgramSectionCard>
  )
}
