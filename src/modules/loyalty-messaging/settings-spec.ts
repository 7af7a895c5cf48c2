import { MedusaError } from "@medusajs/framework/utils"
import { field, type EffectiveSettings, type SettingField, type SettingSource } from "../../lib/layered-settings"
import { formatMailbox, isEmailAddress, MailboxError, parseMailbox, type Mailbox } from "./lib/mailbox"
import type { LoyaltyEmailOptions } from "./types"

const EXAMPLES = "such as loyalty@shop.lu or Shop <loyalty@shop.lu>"

/** A bare address (reply_to). */
function emailAddress(extra: Partial<SettingField<string>>): SettingField<string> {
  const base = field.string()
  return {
    parse: (raw, from) => {
      const value = base.parse(raw, from)
      if (!isEmailAddress(value)) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `${from} must be an email address, got ${JSON.stringify(raw)}`)
      }
      return value
    },
    ...extra,
  }
}

/**
 * The sender: an address, or a display name and an address (`Support <support@shop.lu>`).
 * The value is the mailbox written the one way `formatMailbox` writes it; `describeSender`
 * splits it.
 */
function mailbox(extra: Partial<SettingField<string>>): SettingField<string> {
  const base = field.string()
  return {
    parse: (raw, from) => {
      const value = base.parse(raw, from)
      try {
        return formatMailbox(parseMailbox(value))
      } catch (e) {
        if (!(e instanceof MailboxError)) throw e
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `${from} must be an email address ${EXAMPLES}; ${JSON.stringify(raw)} ${e.message}`)
      }
    },
    ...extra,
  }
}

/** A display name: any text on one line. */
function displayName(extra: Partial<SettingField<string>>): SettingField<string> {
  const base = field.string()
  return {
    parse: (raw, from) => {
      const value = base.parse(raw, from)
      if (/[\u0000-\u001f\u007f]/.test(value)) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `${from} must be one line of text without control characters, got ${JSON.stringify(raw)}`)
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
  // "loyalty@shop.lu" or "Support <support@shop.lu>"; from_name, when set, wins over the name here.
  from_address: mailbox({ env: "REWARDFLOW_SMTP_FROM" }),
  from_name: displayName({ env: "REWARDFLOW_EMAIL_FROM_NAME" }),
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

/**
 * The sender mails go out with and where each part comes from. The address is always the one
 * in from_address. The name is from_name when that is set (in any layer), otherwise the
 * display name written in from_address (`Support <support@shop.lu>`), otherwise none.
 */
export type SenderDescription = {
  /** Null when from_address is not set (nothing can be sent then, but the name is still reported). */
  address: string | null
  /** Layer of from_address. */
  address_source: SettingSource | null
  name: string | null
  /** The setting the name is taken from: from_name, or from_address (its display name); null without a name. */
  name_from: "from_name" | "from_address" | null
  /** Layer of that setting. */
  name_source: SettingSource | null
  /** The display name written in from_address when from_name is used instead of it; else null. */
  unused_display_name: string | null
  /** The From header as sent, e.g. `Support <support@shop.lu>`; null without an address. */
  header: string | null
}

export function describeSender(effective: Pick<EffectiveEmailSettings, "values" | "sources">): SenderDescription {
  const { from_address, from_name } = effective.values
  const written = from_address ? parseMailbox(from_address) : null
  const sender = senderMailbox(effective.values)
  const name_from: SenderDescription["name_from"] = from_name ? "from_name" : written?.name ? "from_address" : null
  return {
    address: sender?.address ?? null,
    address_source: sender ? effective.sources.from_address : null,
    name: from_name || written?.name || null,
    name_from,
    name_source: name_from ? effective.sources[name_from] : null,
    unused_display_name: from_name && written?.name && written.name !== from_name ? written.name : null,
    header: sender ? formatMailbox(sender) : null,
  }
}

/** The sender as nodemailer takes it (`from: { name, address }`); null when from_address is not set. */
export function senderMailbox(values: Pick<EffectiveEmailSettings["values"], "from_address" | "from_name">): Mailbox | null {
  if (!values.from_address) return null
  const written = parseMailbox(values.from_address)
  return { address: written.address, name: values.from_name || written.name }
}
