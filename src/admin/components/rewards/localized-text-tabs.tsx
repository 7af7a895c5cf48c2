import { Input, Label, Tabs, Text, Textarea } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { REWARD_LOCALES, type RewardLocale } from "../../lib/rewards-api"

type Texts = Record<RewardLocale, string>

/**
 * Name and description per locale, one tab each; English is required. Rewards use it as is; a
 * tier passes its perks as the description, with its own ids and labels.
 */
export const LocalizedTextTabs = ({
  name,
  description,
  onChange,
  idPrefix = "rewardflow-reward",
  labels,
}: {
  name: Texts
  description: Texts
  onChange: (next: { name: Texts; description: Texts }) => void
  /** Inputs get the ids `<idPrefix>-name-<locale>` and `<idPrefix>-description-<locale>`. */
  idPrefix?: string
  labels?: { name: string; description: string; hint: string }
}) => {
  const { t } = useTranslation("rewardflow")
  const text = labels ?? { name: t("form.name"), description: t("form.description"), hint: t("form.nameHint") }
  return (
    <div className="flex flex-col gap-y-2">
      <Tabs defaultValue="en">
        <Tabs.List>
          {REWARD_LOCALES.map((locale) => (
            <Tabs.Trigger key={locale} value={locale}>
              {t(`locales.${locale}`)}
              {locale === "en" ? " *" : ""}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
        {REWARD_LOCALES.map((locale) => (
          // Display classes go on an inner div: on Tabs.Content they would override `hidden` of inactive tabs.
          <Tabs.Content key={locale} value={locale}>
            <div className="flex flex-col gap-y-4 pt-4">
              <div className="flex flex-col gap-y-2">
                <Label htmlFor={`${idPrefix}-name-${locale}`}>{text.name}</Label>
                <Input
                  id={`${idPrefix}-name-${locale}`}
                  lang={locale}
                  value={name[locale]}
                  onChange={(e) => onChange({ name: { ...name, [locale]: e.target.value }, description })}
                />
              </div>
              <div className="flex flex-col gap-y-2">
                <Label htmlFor={`${idPrefix}-description-${locale}`}>{text.description}</Label>
                <Textarea
                  id={`${idPrefix}-description-${locale}`}
                  lang={locale}
                  value={description[locale]}
                  onChange={(e) => onChange({ name, description: { ...description, [locale]: e.target.value } })}
                />
              </div>
            </div>
          </Tabs.Content>
        ))}
      </Tabs>
      <Text size="small" className="text-ui-fg-subtle">
        {text.hint}
      </Text>
    </div>
  )
}
