import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Container, Heading, Tabs, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { useSearchParams } from "react-router-dom"
import { EmailChecks } from "../../../components/loyalty-emails/email-checks"
import { EmailLog } from "../../../components/loyalty-emails/email-log"
import { EmailSettingsForm } from "../../../components/loyalty-emails/email-settings-form"
import { TemplateList } from "../../../components/loyalty-emails/template-list"
import { texts } from "../../../components/loyalty-emails/texts"

/** Settings > Loyalty emails: the templates (tab "templates"), the delivery settings (tab "settings") and the email log (tab "log"). */
const LoyaltyEmailsPage = () => {
  const [params, setParams] = useSearchParams()
  const { t } = useTranslation("rewardflow")
  const asked = params.get("tab")
  const tab = asked === "settings" || asked === "log" ? asked : "templates"
  return (
    <div className="flex flex-col gap-y-3">
      <Container className="px-6 py-4">
        <Heading level="h1">{texts.page.title}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {texts.page.subtitle}
        </Text>
      </Container>
      <Tabs value={tab} onValueChange={(value) => setParams(value === "templates" ? {} : { tab: value }, { replace: true })}>
        <Tabs.List>
          <Tabs.Trigger value="templates">{texts.page.tabTemplates}</Tabs.Trigger>
          <Tabs.Trigger value="settings">{texts.page.tabSettings}</Tabs.Trigger>
          <Tabs.Trigger value="log">{t("email_log.tab")}</Tabs.Trigger>
        </Tabs.List>
        <Tabs.Content value="templates" className="pt-3">
          <TemplateList />
        </Tabs.Content>
        <Tabs.Content value="settings" className="flex flex-col gap-y-3 pt-3">
          <EmailSettingsForm />
          <EmailChecks />
        </Tabs.Content>
        <Tabs.Content value="log" className="pt-3">
          <EmailLog />
        </Tabs.Content>
      </Tabs>
    </div>
  )
}

export const config = defineRouteConfig({ label: texts.page.title })

export default LoyaltyEmailsPage
