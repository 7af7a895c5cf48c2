import { Container, Heading, Input, Select, Switch, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import {
  emailKeys,
  fetchEmailSettings,
  saveEmailSettings,
  type EmailSetting,
  type EmailSettingsView,
  type SenderDescription,
} from "../../lib/email-api"
import { SecretInput } from "../settings/secret-input"
import { SettingRow, settingInputId } from "../settings/setting-row"
import { SettingsFormActions } from "../settings/settings-form-actions"
import { useSettingsForm, type Draft } from "../settings/use-settings-form"
import { texts } from "./texts"

const t = texts.settings
const PREFIX = "rewardflow-email"
const PROVIDERS = ["smtp", "sendgrid", "log"]
const BOOLEANS = ["secure", "require_tls", "tls_reject_unauthorized"]
const NUMBERS = ["port"]

function toPatch(draft: Draft): Record<string, unknown> {
  const patch: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(draft)) {
    patch[name] = NUMBERS.includes(name) && typeof value === "string" && /^\s*\d+\s*$/.test(value) ? Number(value) : value
  }
  return patch
}

/**
 * The sender mails go out with (`Support <support@shop.lu>`) and where its parts come from:
 * the address from from_address, the name from from_name or else written in from_address.
 */
const SenderLine = ({ sender }: { sender: SenderDescription }) => {
  const { t: translate } = useTranslation("rewardflow")
  if (!sender.header) {
    return (
      <Text size="small" data-testid="rewardflow-email-sender">
        {translate("emailSender.label")}: {translate("emailSender.none")}
      </Text>
    )
  }
  const parts = [translate("emailSender.address", { source: sender.address_source })]
  if (sender.name_from === "from_name") parts.push(translate("emailSender.nameFromSetting", { source: sender.name_source }))
  else if (sender.name_from === "from_address") parts.push(translate("emailSender.nameFromAddress", { source: sender.name_source }))
  else parts.push(translate("emailSender.noName"))
  if (sender.unused_display_name) parts.push(translate("emailSender.unusedDisplayName", { name: sender.unused_display_name }))
  return (
    <Text size="small" data-testid="rewardflow-email-sender">
      {translate("emailSender.label")}: <span className="font-mono">{sender.header}</span> · {parts.join(" · ")}
    </Text>
  )
}

/**
 * The delivery settings: each field with its effective value and where it comes from. Saving
 * sends only the fields changed here (they become "database"); "Reset to env/option" sends
 * null for one field. Secrets are never shown: only whether they are set.
 */
export const EmailSettingsForm = () => {
  const { t: translate } = useTranslation("rewardflow")
  const form = useSettingsForm<EmailSettingsView>({
    queryKey: emailKeys.settings,
    fetch: fetchEmailSettings,
    save: saveEmailSettings,
    toPatch,
    savedText: t.saved,
    resetText: (name) => t.resetDone(texts.fields[name]?.label ?? name),
  })

  if (form.query.isPending) return <Container className="px-6 py-4"><Text size="small">{t.loading}</Text></Container>
  if (form.query.isError) {
    return (
      <Container className="px-6 py-4">
        <Text size="small" className="text-ui-fg-error">{form.query.error.message}</Text>
      </Container>
    )
  }
  const view = form.query.data

  const control = (name: string, setting: EmailSetting) => {
    const id = settingInputId(PREFIX, name)
    const value = form.valueOf(name)
    if (BOOLEANS.includes(name)) return <Switch id={id} checked={value === true} onCheckedChange={(v) => form.change(name, v)} />
    if (name === "provider") {
      return (
        <Select value={String(value)} onValueChange={(v) => form.change(name, v)}>
          <Select.Trigger id={id} className="w-48">
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            {PROVIDERS.map((p) => (
              <Select.Item key={p} value={p}>
                {p}
              </Select.Item>
            ))}
          </Select.Content>
        </Select>
      )
    }
    if (setting.secret) {
      return (
        <SecretInput
          id={id}
          testId={`${PREFIX}-secret-${name}`}
          isSet={setting.is_set}
          disabled={!view.encryption_key_configured}
          value={String(value)}
          onChange={(v) => form.change(name, v)}
        />
      )
    }
    return (
      <Input
        id={id}
        type={NUMBERS.includes(name) ? "number" : "text"}
        placeholder={translate("settings.notSet")}
        value={String(value)}
        onChange={(e) => form.change(name, e.target.value)}
      />
    )
  }

  return (
    <Container className="divide-y p-0" data-testid="rewardflow-email-settings">
      <div className="flex flex-col gap-y-1 px-6 py-4">
        <Heading level="h2">{texts.page.tabSettings}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {translate("settings.sourcesHint")}
        </Text>
        {view.delivery && (
          <Text size="small" data-testid="rewardflow-email-delivery">
            {t.delivery}: {view.delivery.provider}
            {view.delivery.host ? ` · ${view.delivery.host}:${view.delivery.port}` : ""} · {view.delivery.security}
            {view.delivery.from ? ` · ${view.delivery.from_name ? `${view.delivery.from_name} <${view.delivery.from}>` : view.delivery.from}` : ""}
          </Text>
        )}
        {view.sender && <SenderLine sender={view.sender} />}
        {view.problem && (
          <Text size="small" className="text-ui-fg-error" data-testid="rewardflow-email-problem">
            {t.problem} {view.problem}
          </Text>
        )}
        {!view.encryption_key_configured && (
          <Text size="small" className="text-ui-fg-subtle">
            {t.secretNeedsKey}
          </Text>
        )}
        {form.generalError && (
          <Text size="small" className="text-ui-fg-error" data-testid="rewardflow-email-settings-error">
            {form.generalError}
          </Text>
        )}
      </div>
      {Object.entries(view.settings).map(([name, setting]) => (
        <SettingRow
          key={name}
          prefix={PREFIX}
          name={name}
          label={texts.fields[name]?.label ?? name}
          hint={texts.fields[name]?.hint}
          setting={setting}
          error={form.errorFor(name)}
          onReset={() => form.reset.mutate(name)}
          resetting={form.reset.isPending && form.reset.variables === name}
        >
          {control(name, setting)}
        </SettingRow>
      ))}
      <SettingsFormActions form={form} />
    </Container>
  )
}
