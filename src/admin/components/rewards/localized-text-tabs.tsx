import { Input, Label, Tabs, Text, Textarea } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { REWARD_LOCALES, type RewardLocale } from "../../lib/rewards-api"

type Texts = Record<RewardLocale, string>

/** Name and description per locale, one tab each; English is required. */
export const LocalizedTextTabs = ({
  name,
  description,
  onChange,
}: {
  name: Texts
  description: Texts
  onChange: (next: { name: Texts; description: Texts }) => void
}) => {
  const { t } = useTranslation("rewardflow")
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
                <Label htmlFor={`rewardflow-reward-name-${locale}`}>{t("form.name")}</Label>
                <Input
                  id={`rewardflow-reward-name-${locale}`}
                  lang={locale}
                  value={name[locale]}
                  onChange={(e) => onChange({ name: { ...name, [locale]: e.target.value }, description })}
                />
              </div>
              <div className="flex flex-col gap-y-2">
                <Label htmlFor={`rewardflow-reward-description-${locale}`}>{t("form.description")}</Label>
                <Textarea
                  id={`rewardflow-reward-description-${locale}`}
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
        {t("form.nameHint")}
      </Text>
    </div>
  )
}
