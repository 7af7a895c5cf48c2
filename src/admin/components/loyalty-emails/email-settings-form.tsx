import { Badge, Button, Container, Heading, Input, Label, Select, Switch, Text, toast } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { emailKeys, fetchEmailSettings, saveEmailSettings, type EmailSetting, type EmailSettingsView } from "../../lib/email-api"
import { SettingSourceBadge } from "../setting-source-badge"
import { fieldOfError } from "./api-error"
import { texts } from "./texts"

const t = texts.settings
const PROVIDERS = ["smtp", "sendgrid", "log"]
const BOOLEANS = ["secure", "require_tls", "tls_reject_unauthorized"]
const NUMBERS = ["port"]

type Draft = Record<string, string | boolean>

/** What the input shows for a setting: its effective value (secrets: nothing, ever). */
const inputValue = (s: EmailSetting): string | boolean => {
  if (s.secret) return ""
  if (typeof s.value === "boolean") return s.value
  return s.value === null || s.value === undefined ? "" : String(s.value)
}

function toPatch(draft: Draft): Record<string, string | number | boolean> {
  const patch: Record<string, string | number | boolean> = {}
  for (const [name, value] of Object.entries(draft)) {
    patch[name] = NUMBERS.includes(name) && typeof value === "string" && /^\s*\d+\s*$/.test(value) ? Number(value) : value
  }
  return patch
}

/**
 * The delivery settings: each field with its effective value and where it comes from. Saving
 * sends only the fields changed here (they become "database"); "Reset to env/option" sends
 * null for one field. Secrets are never shown: only whether they are set.
 */
export const EmailSettingsForm = () => {
  const queryClient = useQueryClient()
  const settings = useQuery({ queryKey: emailKeys.settings, queryFn: fetchEmailSettings })
  const [draft, setDraft] = useState<Draft>({})
  const applied = (view: EmailSettingsView) => queryClient.setQueryData(emailKeys.settings, view)

  const save = useMutation({
    mutationFn: () => saveEmailSettings(toPatch(draft)),
    onSuccess: (view) => {
      applied(view)
      setDraft({}) // also drops any secret typed here from the page
      toast.success(t.saved)
    },
    onError: (e: Error) => toast.error(e.message),
  })
  const reset = useMutation({
    mutationFn: (name: string) => saveEmailSettings({ [name]: null }),
    onSuccess: (view, name) => {
      applied(view)
      setDraft(({ [name]: _, ...rest }) => rest)
      toast.success(t.resetDone(texts.fields[name]?.label ?? name))
    },
    onError: (e: Error) => toast.error(e.message),
  })

  if (settings.isPending) return <Container className="px-6 py-4"><Text size="small">{t.loading}</Text></Container>
  if (settings.isError) {
    return (
      <Container className="px-6 py-4">
        <Text size="small" className="text-ui-fg-error">{settings.error.message}</Text>
      </Container>
    )
  }
  const view = settings.data
  const names = Object.keys(view.settings)
  const error = save.error ?? reset.error
  const errorField = fieldOfError(error, names)

  const change = (name: string, value: string | boolean) => {
    save.reset()
    setDraft((d) => {
      const setting = view.settings[name]
      if (!setting.secret && value === inputValue(setting)) {
        const { [name]: _, ...rest } = d
        return rest
      }
      return { ...d, [name]: value }
    })
  }

  const control = (name: string, setting: EmailSetting) => {
    const id = `rewardflow-email-setting-${name}`
    const value = draft[name] ?? inputValue(setting)
    if (BOOLEANS.includes(name)) return <Switch id={id} checked={value === true} onCheckedChange={(v) => change(name, v)} />
    if (name === "provider") {
      return (
        <Select value={String(value)} onValueChange={(v) => change(name, v)}>
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
        <div className="flex items-center gap-x-2">
          <Badge size="2xsmall" color={setting.is_set ? "green" : "grey"} data-testid={`rewardflow-email-secret-${name}`}>
            {setting.is_set ? t.secretSet : t.secretNotSet}
          </Badge>
          <Input
            id={id}
            type="password"
            autoComplete="new-password"
            placeholder={t.secretPlaceholder}
            disabled={!view.encryption_key_configured}
            value={String(value)}
            onChange={(e) => change(name, e.target.value)}
          />
        </div>
      )
    }
    return (
      <Input
        id={id}
        type={NUMBERS.includes(name) ? "number" : "text"}
        placeholder={t.notSet}
        value={String(value)}
        onChange={(e) => change(name, e.target.value)}
      />
    )
  }

  return (
    <Container className="divide-y p-0" data-testid="rewardflow-email-settings">
      <div className="flex flex-col gap-y-1 px-6 py-4">
        <Heading level="h2">{texts.page.tabSettings}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {t.sourcesHint}
        </Text>
        {view.delivery && (
          <Text size="small" data-testid="rewardflow-email-delivery">
            {t.delivery}: {view.delivery.provider}
            {view.delivery.host ? ` · ${view.delivery.host}:${view.delivery.port}` : ""} · {view.delivery.security}
            {view.delivery.from ? ` · ${view.delivery.from}` : ""}
          </Text>
        )}
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
        {error && !errorField && (
          <Text size="small" className="text-ui-fg-error" data-testid="rewardflow-email-settings-error">
            {error.message}
          </Text>
        )}
      </div>
      {names.map((name) => {
        const setting = view.settings[name]
        const label = texts.fields[name] ?? { label: name }
        return (
          <div
            key={name}
            className="grid items-start gap-x-4 px-6 py-3"
            style={{ gridTemplateColumns: "minmax(0, 14rem) minmax(0, 1fr) minmax(0, 14rem)" }}
            data-testid={`rewardflow-email-setting-row-${name}`}
          >
            <div>
              <Label htmlFor={`rewardflow-email-setting-${name}`} weight="plus">
                {label.label}
              </Label>
              <Text size="xsmall" className="text-ui-fg-muted font-mono">
                {name}
              </Text>
              {label.hint && (
                <Text size="xsmall" className="text-ui-fg-subtle">
                  {label.hint}
                </Text>
              )}
            </div>
            <div className="flex flex-col gap-y-1">
              {control(name, setting)}
              {errorField === name && (
                <Text size="small" className="text-ui-fg-error" data-testid={`rewardflow-email-setting-error-${name}`}>
                  {error!.message}
                </Text>
              )}
            </div>
            <div className="flex items-center gap-x-2">
              <SettingSourceBadge source={setting.source} testId={`rewardflow-email-source-${name}`} />
              {setting.source === "database" && (
                <Button size="small" variant="transparent" isLoading={reset.isPending && reset.variables === name} onClick={() => reset.mutate(name)}>
                  {t.reset}
                </Button>
              )}
            </div>
          </div>
        )
      })}
      <div className="flex justify-end gap-x-2 px-6 py-4">
        <Button size="small" variant="secondary" disabled={!Object.keys(draft).length || save.isPending} onClick={() => { save.reset(); setDraft({}) }}>
          {t.discard}
        </Button>
        <Button size="small" disabled={!Object.keys(draft).length} isLoading={save.isPending} onClick={() => save.mutate()}>
          {t.save}
        </Button>
      </div>
    </Container>
  )
}
