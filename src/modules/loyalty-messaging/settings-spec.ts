import { MedusaError } from "@medusajs/framework/utils"
import { field, type EffectiveSettings, type SettingField } from "../../lib/layered-settings"
import type { LoyaltyEmailOptions } from "./types"

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$|^[^\s@<>]+@localhost$/

function emailAddress(extra: Partial<SettingField<string>>): SettingField<string> {
  const base = field.string()
  return {
    parse: (raw, from) => {
      const value = base.parse(raw, from)
      if (!EMAIL.test(value)) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `${from} must be an email address, got ${JSON.stringify(raw)}`)
      }
      return value
    },
    ...extra,
  }
}

export const EMAIL_PROVIDERS = ["smtp", "sendgrid", "log"] as const
export type EmailProvider = (typeof EMAIL_PROVIDERS)[number]

/** The delivery settings: database > options (`email.*`) > env > default. */
export const EMAIL_SETTINGS_SPEC = {
  provider: field.oneOf(EMAIL_PROVIDERS, { env: "REWARDFLOW_EMAIL_PROVIDER", default: "log" as EmailProvider }),
  host: field.string({ env: "REWARDFLOW_SMTP_HOST" }),
  port: field.int(1, 65535, { env: "REWARDFLOW_SMTP_PORT", default: 587 }),
  // Unset: implicit TLS on port 465 only (see smtpSecurity).
  secure: field.bool({ env: "REWARDFLOW_SMTP_SECURE" }),
  // Unset: STARTTLS required, except to a loopback host (plain); false only for loopback.
  require_tls: field.bool({ env: "REWARDFLOW_SMTP_REQUIRE_TLS" }),
  user: field.string({ env: "REWARDFLOW_SMTP_USER" }),
  password: field.string({ env: "REWARDFLOW_SMTP_PASSWORD", secret: true }),
  sendgrid_api_key: field.string({ env: "REWARDFLOW_SENDGRID_API_KEY", secret: true }),
  from_address: emailAddress({ env: "REWARDFLOW_SMTP_FROM" }),
  from_name: field.string({ env: "REWARDFLOW_EMAIL_FROM_NAME" }),
  reply_to: emailAddress({ env: "REWARDFLOW_EMAIL_REPLY_TO" }),
  tls_reject_unauthorized: field.bool({ env: "REWARDFLOW_SMTP_TLS_REJECT_UNAUTHORIZED", default: true }),
}

export type EmailSettingsSpec = typeof EMAIL_SETTINGS_SPEC
export type EffectiveEmailSettings = EffectiveSettings<EmailSettingsSpec>

/** Context string binding sealed secrets to this module (see SecretBox). */
export const EMAIL_SECRETS_CONTEXT = "loyalty_messaging"

/** Plugin option name (camelCase) of each setting. */
export const OPTION_NAMES: Record<keyof EmailSettingsSpec, keyof LoyaltyEmailOptions> = {
  provider: "provider",
  host: "host",
  port: "port",
  secure: "secure",
  require_tls: "requireTls",
  user: "user",
  password: "password",
  sendgrid_api_key: "sendgridApiKey",
  from_address: "from",
  from_name: "fromName",
  reply_to: "replyTo",
  tls_reject_unauthorized: "tlsRejectUnauthorized",
}

/** The `email` plugin options as the settings layer reads them (snake_case names). */
export function settingsOptionsLayer(email: LoyaltyEmailOptions | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [name, option] of Object.entries(OPTION_NAMES)) out[name] = email?.[option]
  return out
}
