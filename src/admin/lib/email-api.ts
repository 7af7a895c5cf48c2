import type { DeliveryDescription } from "../../modules/loyalty-messaging/lib/transports/types"
import type { DiagnoseStep } from "../../modules/loyalty-messaging/lib/diagnose"
import type { SenderDescription } from "../../modules/loyalty-messaging/settings-spec"
import type { LayeredSetting } from "./layered-setting"
import { sdk } from "./sdk"

export const EMAIL_LOCALES = ["en", "fr", "de", "lb"] as const
export type EmailLocale = (typeof EMAIL_LOCALES)[number]

export type EmailTemplate = {
  id: string
  key: string
  locale: EmailLocale
  subject: string
  html_body: string
  text_body: string
  is_active: boolean
  updated_by: string | null
  created_at: string
  updated_at: string
}

/** The editable parts of a template (also the `draft` a preview renders). */
export type TemplateDraft = Pick<EmailTemplate, "subject" | "html_body" | "text_body">

export type EmailPreview = {
  template_id: string
  key: string
  requested_locale: EmailLocale
  /** The locale actually rendered (after fallback when the requested one is missing or off). */
  locale: EmailLocale
  subject: string
  html: string
  text: string
}

export type EmailSetting = LayeredSetting

// The server's own types: erased from the bundle, so the admin and the API cannot drift apart.
export type { DeliveryDescription } from "../../modules/loyalty-messaging/lib/transports/types"
export type { DiagnoseStep } from "../../modules/loyalty-messaging/lib/diagnose"
export type { SenderDescription } from "../../modules/loyalty-messaging/settings-spec"

export type EmailSettingsView = {
  settings: Record<string, EmailSetting>
  /** The sender mails go out with, and which setting and layer its address and name come from. */
  sender: SenderDescription
  delivery: DeliveryDescription | null
  problem: string | null
  encryption_key_configured: boolean
}

export type SettingsTestResult = {
  log_id: string
  status: string
  error: string | null
  message_id: string
  delivery: DeliveryDescription
}

export type Diagnosis = { provider: string; target: string | null; steps: DiagnoseStep[]; note: string | null }

export const emailKeys = {
  templates: ["rewardflow", "email-templates"] as const,
  template: (id: string) => ["rewardflow", "email-template", id] as const,
  preview: (key: string, locale: string, draft: TemplateDraft) => ["rewardflow", "email-preview", key, locale, draft] as const,
  settings: ["rewardflow", "email-settings"] as const,
  users: ["rewardflow", "users"] as const,
}

const BASE = "/admin/loyalty/email"

export async function fetchTemplates() {
  return await sdk.client.fetch<{ templates: EmailTemplate[]; variables: Record<string, string[]> }>(`${BASE}/templates`)
}

export async function fetchTemplate(id: string) {
  return await sdk.client.fetch<{ template: EmailTemplate; variables: string[] }>(`${BASE}/templates/${id}`)
}

export async function updateTemplate(id: string, body: Partial<TemplateDraft> & { is_active?: boolean }) {
  return await sdk.client.fetch<{ template: EmailTemplate; variables: string[] }>(`${BASE}/templates/${id}`, {
    method: "POST",
    body,
  })
}

export async function previewTemplate(key: string, locale: string, draft: TemplateDraft) {
  const { preview } = await sdk.client.fetch<{ preview: EmailPreview }>(`${BASE}/preview`, {
    method: "POST",
    body: { key, locale, draft },
  })
  return preview
}

export async function sendTemplateTest(key: string, locale: string, to: string, draft: TemplateDraft) {
  const { email } = await sdk.client.fetch<{ email: { log_id: string; status: string; attempted: boolean } }>(`${BASE}/send-test`, {
    method: "POST",
    body: { key, locale, to, draft },
  })
  return email
}

export async function fetchEmailSettings() {
  return await sdk.client.fetch<EmailSettingsView>(`${BASE}/settings`)
}

/** Saves overrides; `null` removes one (the option, env var or default applies again). */
export async function saveEmailSettings(patch: Record<string, unknown>) {
  return await sdk.client.fetch<EmailSettingsView>(`${BASE}/settings`, { method: "POST", body: patch })
}

export async function sendSettingsTest(to: string) {
  const { email } = await sdk.client.fetch<{ email: SettingsTestResult }>(`${BASE}/test-mail`, { method: "POST", body: { to } })
  return email
}

export async function diagnoseEmail() {
  const { diagnosis } = await sdk.client.fetch<{ diagnosis: Diagnosis }>(`${BASE}/diagnose`, { method: "POST", body: {} })
  return diagnosis
}

export type AdminUserSummary = { id: string; email: string; first_name: string | null; last_name: string | null }

/** Admin users by id, to name who last edited a template. */
export async function fetchUsers() {
  const { users } = await sdk.client.fetch<{ users: AdminUserSummary[] }>("/admin/users", {
    query: { limit: 200, fields: "id,email,first_name,last_name" },
  })
  return new Map(users.map((u) => [u.id, u]))
}

export async function fetchCurrentUser() {
  const { user } = await sdk.client.fetch<{ user: AdminUserSummary }>("/admin/users/me")
  return user
}
