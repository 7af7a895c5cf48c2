import { Button, Code, Container, Heading, Input, Label, Switch, Text, Textarea, toast } from "@medusajs/ui"
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { Link } from "react-router-dom"
import {
  emailKeys,
  fetchTemplates,
  previewTemplate,
  updateTemplate,
  EMAIL_LOCALES,
  type EmailTemplate,
  type TemplateDraft,
} from "../../lib/email-api"
import { fieldOfError, type ApiError } from "../settings/api-error"
import { SendTemplateTest } from "./send-template-test"
import { templateName } from "./template-list"
import { TemplatePreview } from "./template-preview"
import { texts } from "./texts"

const t = texts.editor
const PARTS = ["subject", "html_body", "text_body"] as const
// Inline: Tailwind only has the classes the dashboard itself uses when the host app's admin
// build cannot resolve the plugin's sources (the demo and the browser tests link the plugin).
const COLUMN = { flex: "1 1 30rem", minWidth: 0 }

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value)
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms)
    return () => clearTimeout(timer)
  }, [value, ms])
  return debounced
}

const draftOf = (template: EmailTemplate): TemplateDraft => ({
  subject: template.subject,
  html_body: template.html_body,
  text_body: template.text_body,
})

/**
 * Edits one template (key x locale): subject, HTML and text parts and the active switch, with
 * a live preview of the unsaved draft. The API's 400 (unknown variable, broken tag) is shown
 * under the field it names; a 403 (no loyalty.manage_templates) above the form.
 */
export const TemplateEditor = ({ template, variables }: { template: EmailTemplate; variables: string[] }) => {
  const queryClient = useQueryClient()
  const [draft, setDraft] = useState<TemplateDraft>(() => draftOf(template))
  const [isActive, setIsActive] = useState(template.is_active)
  useEffect(() => {
    setDraft(draftOf(template))
    setIsActive(template.is_active)
  }, [template])

  const siblings = useQuery({ queryKey: emailKeys.templates, queryFn: fetchTemplates })
  const debounced = useDebounced(draft, 350)
  const preview = useQuery({
    queryKey: emailKeys.preview(template.key, template.locale, debounced),
    queryFn: () => previewTemplate(template.key, template.locale, debounced),
    placeholderData: keepPreviousData,
    retry: false,
  })

  const changed = PARTS.filter((part) => draft[part] !== template[part])
  const dirty = changed.length > 0 || isActive !== template.is_active
  const save = useMutation({
    mutationFn: () =>
      updateTemplate(template.id, {
        ...Object.fromEntries(changed.map((part) => [part, draft[part]])),
        ...(isActive !== template.is_active ? { is_active: isActive } : {}),
      }),
    onSuccess: (data) => {
      queryClient.setQueryData(emailKeys.template(template.id), data)
      queryClient.invalidateQueries({ queryKey: emailKeys.templates })
      toast.success(t.saved)
    },
    onError: (e: Error) => toast.error(e.message),
  })

  const edit = (part: (typeof PARTS)[number], value: string) => {
    if (save.isError) save.reset()
    setDraft((d) => ({ ...d, [part]: value }))
  }
  // A refused save names its field; otherwise the preview's refusal of the current draft does.
  const saveError = save.error as ApiError | null
  const saveField = fieldOfError(saveError, PARTS)
  const previewField = preview.isError ? fieldOfError(preview.error, PARTS) : null
  const errorFor = (part: string) =>
    saveField === part ? saveError!.message : !saveError && previewField === part && !preview.isFetching ? preview.error!.message : null
  const formError = saveError && !saveField ? saveError : null

  const field = (part: (typeof PARTS)[number], label: string, control: JSX.Element) => (
    <div className="flex flex-col gap-y-2">
      <Label htmlFor={`rewardflow-email-${part}`} weight="plus">
        {label}
      </Label>
      {control}
      {errorFor(part) && (
        <Text size="small" className="text-ui-fg-error" data-testid={`rewardflow-email-error-${part}`}>
          {errorFor(part)}
        </Text>
      )}
    </div>
  )

  const locales = (siblings.data?.templates ?? []).filter((s) => s.key === template.key)
  return (
    <div className="flex flex-col gap-y-3">
      <Container className="flex flex-wrap items-center justify-between gap-3 px-6 py-4">
        <div>
          <Link to="/settings/loyalty-emails" className="text-ui-fg-interactive txt-small">
            ← {t.back}
          </Link>
          <Heading level="h1">
            {templateName(template.key)} · {texts.localeNames[template.locale] ?? template.locale}
          </Heading>
          <Text size="small" className="text-ui-fg-muted font-mono">
            {template.key} / {template.locale}
          </Text>
        </div>
        <div className="flex gap-x-1" data-testid="rewardflow-email-locales">
          {EMAIL_LOCALES.map((locale) => {
            const sibling = locales.find((s) => s.locale === locale)
            if (!sibling) return null
            return (
              <Button key={locale} size="small" variant={locale === template.locale ? "primary" : "secondary"} asChild>
                <Link to={`/settings/loyalty-emails/templates/${sibling.id}`}>{locale.toUpperCase()}</Link>
              </Button>
            )
          })}
        </div>
      </Container>

      {/* Side by side when there is room for both, else the preview below the form. */}
      <div className="flex flex-wrap items-start gap-3">
        <Container className="flex flex-col gap-y-4 px-6 py-4" style={COLUMN} data-testid="rewardflow-email-editor">
          {formError && (
            <Text size="small" className="text-ui-fg-error" data-testid="rewardflow-email-save-error">
              {formError.status === 403 ? `${t.forbidden} ` : ""}
              {formError.message}
            </Text>
          )}
          {field("subject", t.subject, <Input id="rewardflow-email-subject" value={draft.subject} onChange={(e) => edit("subject", e.target.value)} />)}
          {field(
            "html_body",
            t.htmlBody,
            <Textarea id="rewardflow-email-html_body" rows={14} className="font-mono text-xs" value={draft.html_body} onChange={(e) => edit("html_body", e.target.value)} />
          )}
          {field(
            "text_body",
            t.textBody,
            <Textarea id="rewardflow-email-text_body" rows={8} className="font-mono text-xs" value={draft.text_body} onChange={(e) => edit("text_body", e.target.value)} />
          )}
          <div className="flex items-start gap-x-3">
            <Switch id="rewardflow-email-active" checked={isActive} onCheckedChange={setIsActive} />
            <div>
              <Label htmlFor="rewardflow-email-active" weight="plus">
                {t.active}
              </Label>
              <Text size="small" className="text-ui-fg-subtle">
                {t.activeHint}
              </Text>
            </div>
          </div>
          <div className="flex flex-col gap-y-2" data-testid="rewardflow-email-variables">
            <Text size="small" weight="plus">
              {t.variables}
            </Text>
            <div className="flex flex-wrap gap-1">
              {variables.map((v) => (
                <Code key={v}>{`{{${v}}}`}</Code>
              ))}
            </div>
            <Text size="small" className="text-ui-fg-subtle">
              {t.variablesHint}
            </Text>
          </div>
          <div className="flex justify-end gap-x-2">
            <Button
              size="small"
              variant="secondary"
              disabled={!dirty || save.isPending}
              onClick={() => {
                save.reset()
                setDraft(draftOf(template))
                setIsActive(template.is_active)
              }}
            >
              {t.discard}
            </Button>
            <Button size="small" disabled={!dirty} isLoading={save.isPending} onClick={() => save.mutate()}>
              {t.save}
            </Button>
          </div>
          <SendTemplateTest templateKey={template.key} locale={template.locale} draft={draft} />
        </Container>
        <div style={COLUMN}>
          <TemplatePreview preview={preview.data} error={preview.error} pending={preview.isFetching} />
        </div>
      </div>
    </div>
  )
}
