import { Badge, Container, Heading, Input, Select, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { fetchWalletSettings, saveWalletSettings, walletKeys, type WalletSettingsView } from "../../lib/wallet-api"
import { ListInput } from "../settings/list-input"
import { SecretInput } from "../settings/secret-input"
import { SettingRow, settingInputId } from "../settings/setting-row"
import { SettingsFormActions } from "../settings/settings-form-actions"
import { useSettingsForm, type Draft } from "../settings/use-settings-form"
import { WALLET_ENVIRONMENTS, WALLET_FIELDS } from "./wallet-fields"

const PREFIX = "rewardflow-wallet"

/** Blank rows of a list are left out; everything else goes as typed (the API trims and checks). */
const toPatch = (draft: Draft) =>
  Object.fromEntries(Object.entries(draft).map(([name, v]) => [name, Array.isArray(v) ? v.map((x) => x.trim()).filter(Boolean) : v]))

/** The value of a setting only plugin options or env can set. */
const shown = (value: unknown) => (Array.isArray(value) ? value.join(", ") : value === null || value === undefined ? "" : String(value))

/** Whose key the Wallet uses (the API returns only its client_email), or why none is usable. */
const ServiceAccountInUse = ({ view }: { view: WalletSettingsView }) => {
  const { t } = useTranslation("rewardflow")
  const account = view.service_account
  if (account.client_email) {
    return (
      <Text size="small" data-testid="rewardflow-wallet-service-account">
        {t("wallet.serviceAccount")} <span className="font-mono">{account.client_email}</span>
        {account.from ? ` (${account.from})` : ""}
      </Text>
    )
  }
  return account.problem ? (
    <Text size="small" className="text-ui-fg-subtle" data-testid="rewardflow-wallet-service-account">
      {t("wallet.serviceAccountProblem")} {account.problem}
    </Text>
  ) : null
}

/**
 * Settings > Google Wallet: every setting with its effective value and source. Saving sends
 * only the fields changed here (they become "database"); "Reset to env/option" sends null for
 * one; the API's 400 is shown beside the field it names. The service account key is never
 * shown, only whether it is set and its client_email.
 */
export const WalletSettingsForm = () => {
  const { t } = useTranslation("rewardflow")
  const form = useSettingsForm<WalletSettingsView>({
    queryKey: walletKeys.settings,
    fetch: fetchWalletSettings,
    save: saveWalletSettings,
    toPatch,
    savedText: t("wallet.saved"),
    resetText: (name) => t("wallet.resetDone", { name: WALLET_FIELDS[name] ? t(WALLET_FIELDS[name].label) : name }),
  })
  const view = form.view

  const control = (name: string, view: WalletSettingsView) => {
    const id = settingInputId(PREFIX, name)
    const field = WALLET_FIELDS[name] ?? { label: name, input: "text" }
    const value = form.valueOf(name)
    const setting = view.settings[name]
    if (!view.admin_editable.includes(name)) {
      return (
        <Text size="small" className="font-mono break-all" id={id}>
          {shown(setting.value) || t("settings.notSet")}
        </Text>
      )
    }
    switch (field.input) {
      case "secret-json":
        return (
          <div className="flex flex-col gap-y-2">
            <SecretInput
              id={id}
              testId={`${PREFIX}-secret-${name}`}
              isSet={setting.is_set}
              multiline
              placeholder={t("wallet.jsonPlaceholder")}
              value={String(value)}
              onChange={(v) => form.change(name, v)}
            />
            <ServiceAccountInUse view={view} />
          </div>
        )
      case "list":
        return (
          <ListInput
            id={id}
            values={Array.isArray(value) ? value : []}
            placeholder={field.placeholder}
            addLabel={t("wallet.addOrigin")}
            onChange={(v) => form.change(name, v)}
          />
        )
      case "environment":
        return (
          <Select value={String(value)} onValueChange={(v) => form.change(name, v)}>
            <Select.Trigger id={id} className="w-64" data-testid={`${PREFIX}-environment`}>
              <Select.Value />
            </Select.Trigger>
            <Select.Content>
              {WALLET_ENVIRONMENTS.map((env) => (
                <Select.Item key={env.value} value={env.value}>
                  {t(env.label)}
                </Select.Item>
              ))}
            </Select.Content>
          </Select>
        )
      case "color":
        return (
          <div className="flex items-center gap-x-2">
            <span
              aria-hidden
              className="border-ui-border-base inline-block shrink-0 rounded border"
              style={{ width: 28, height: 28, background: /^#[0-9a-fA-F]{6}$/.test(String(value)) ? String(value) : "transparent" }}
            />
            <Input id={id} placeholder={field.placeholder} value={String(value)} onChange={(e) => form.change(name, e.target.value)} />
          </div>
        )
      default:
        return (
          <Input
            id={id}
            placeholder={field.placeholder ?? t("settings.notSet")}
            value={String(value)}
            onChange={(e) => form.change(name, e.target.value)}
          />
        )
    }
  }

  return (
    <Container className="divide-y p-0" data-testid="rewardflow-wallet-settings">
      <div className="flex items-start justify-between gap-x-4 px-6 py-4">
        <div className="flex flex-col gap-y-1">
          <Heading level="h1">{t("wallet.title")}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {t("wallet.subtitle")} {t("settings.sourcesHint")}
          </Text>
          {form.generalError && (
            <Text size="small" className="text-ui-fg-error" data-testid="rewardflow-wallet-save-error">
              {form.generalError}
            </Text>
          )}
        </div>
        {view && (
          <Badge color={view.configured ? "green" : "orange"} data-testid="rewardflow-wallet-configured">
            {view.configured ? t("wallet.configured") : `${t("wallet.missing")} ${view.missing.join(", ")}`}
          </Badge>
        )}
      </div>
      {form.query.isPending && (
        <Text size="small" className="px-6 py-4">
          {t("wallet.loading")}
        </Text>
      )}
      {form.query.isError && (
        <Text size="small" className="text-ui-fg-error px-6 py-4" data-testid="rewardflow-wallet-settings-error">
          {t("wallet.loadError")} {form.query.error.message}
        </Text>
      )}
      {view &&
        ordered(view).map((name) => {
          const editable = view.admin_editable.includes(name)
          const field = WALLET_FIELDS[name]
          return (
            <SettingRow
              key={name}
              prefix={PREFIX}
              name={name}
              label={field ? t(field.label) : name}
              hint={editable ? (field?.hint ? t(field.hint) : undefined) : t("wallet.readOnly")}
              setting={view.settings[name]}
              error={form.errorFor(name)}
              onReset={editable ? () => form.reset.mutate(name) : undefined}
              resetting={form.reset.isPending && form.reset.variables === name}
            >
              {control(name, view)}
            </SettingRow>
          )
        })}
      {view && <SettingsFormActions form={form} />}
    </Container>
  )
}

/** The form's order first, then anything newer the API has. */
function ordered(view: WalletSettingsView) {
  const known = Object.keys(WALLET_FIELDS).filter((name) => name in view.settings)
  return [...known, ...Object.keys(view.settings).filter((name) => !known.includes(name))]
}
