import type { Context } from "@medusajs/framework/types"
import {
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import {
  describeSettings,
  mergeOverrides,
  openStoredOverrides,
  resolveSettings,
  SecretBox,
  type StoredOverrides,
  sealPatch,
} from "../../lib/layered-settings"
import type { RewardFlowOptions } from "../loyalty/options"
import { MessagingStore } from "./lib/messaging-store"
import { localeChain } from "./lib/locale"
import { escapeHtml } from "./lib/template-syntax"
import { renderEmail, validateTemplate, type RenderedEmail, type TemplateContent } from "./lib/render-email"
import {
  createTransport,
  describeDelivery,
  plainSmtpProblem,
  smtpConnection,
  type DeliveryDescription,
  type SmtpConnection,
} from "./lib/transports"
import { diagnoseSmtp, type DiagnoseStep } from "./lib/diagnose"
import { isTemplateKey, TEMPLATE_KEYS, type EmailLocale, type EmailVariables, type TemplateKey } from "./lib/variables"
import { SEED_TEMPLATES } from "./templates"
import { EmailLog, EmailSettings, EmailTemplate, ExpiryNotice } from "./models"
import { LEASE_MARGIN_SECONDS, messagingConfigFromOptions, type MessagingConfig } from "./options"
import {
  describeSender,
  EMAIL_SECRETS_CONTEXT,
  EMAIL_SETTINGS_SPEC,
  senderMailbox,
  settingsOptionsLayer,
  type EffectiveEmailSettings,
  type SenderDescription,
} from "./settings-spec"
import type { DeliveryOutcome, EmailLogDTO, LoyaltyEmailOptions, OutgoingEmail } from "./types"

type Logger = { info(msg: string): void; warn(msg: string): void; error(msg: string): void }

const MAX_RETRY_DELAY_SECONDS = 3600

/**
 * Loyalty emails: templates (key x locale), delivery settings layered over options and env,
 * and the email log through which every mail is queued, claimed, sent and retried.
 */
export default class LoyaltyMessagingModuleService extends MedusaService({
  // Keyed like their tables, so query.graph entity names match the generated methods.
  LoyaltyEmailTemplate: EmailTemplate,
  LoyaltyEmailSettings: EmailSettings,
  LoyaltyEmailLog: EmailLog,
  LoyaltyExpiryNotice: ExpiryNotice,
}) {
  protected readonly config_: MessagingConfig
  protected readonly emailOptions_: LoyaltyEmailOptions
  protected readonly box_: SecretBox | null
  protected readonly logger_?: Logger

  constructor(container: Record<string, unknown>, options: RewardFlowOptions = {}) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    // Fails the boot with a message naming the bad option.
    this.config_ = messagingConfigFromOptions(options)
    this.emailOptions_ = (options as { email?: LoyaltyEmailOptions }).email ?? {}
    this.box_ = SecretBox.fromConfig(options.encryptionKey)
    try {
      this.logger_ = container.logger as Logger
    } catch {
      this.logger_ = undefined
    }
  }

  get config(): MessagingConfig {
    return this.config_
  }

  // ---------- settings ----------

  /** Effective delivery settings: database > options > env > default, with each field's source. */
  @InjectManager()
  async getEffectiveEmailSettings(@MedusaContext() sharedContext: Context = {}): Promise<EffectiveEmailSettings> {
    const row = await this.settingsRow_(sharedContext)
    return resolveSettings(
      EMAIL_SETTINGS_SPEC,
      {
        ...openStoredOverrides(EMAIL_SETTINGS_SPEC, row?.overrides as StoredOverrides, this.box_, EMAIL_SECRETS_CONTEXT),
        options: settingsOptionsLayer(this.emailOptions_),
        env: process.env,
      },
      "option email"
    )
  }

  /**
   * What endpoints may show: values and sources (secrets only `is_set`), the connection used,
   * and the sender (address and name, and which setting and layer each comes from).
   */
  @InjectManager()
  async describeEmailSettings(@MedusaContext() sharedContext: Context = {}) {
    const effective = await this.getEffectiveEmailSettings(sharedContext)
    let delivery: DeliveryDescription | null = null
    let problem: string | null = null
    try {
      delivery = describeDelivery(effective.values, this.config_.sendgridSmtpHost)
    } catch (e) {
      problem = (e as Error).message
    }
    return {
      settings: describeSettings(EMAIL_SETTINGS_SPEC, effective),
      sender: describeSender(effective),
      delivery,
      problem,
      encryption_key_configured: !!this.box_,
    }
  }

  /**
   * An admin patch with its secrets validated and sealed (`{ sealed }`): what the settings
   * workflow takes, so no workflow input or stored execution ever holds a clear secret.
   */
  sealEmailSettingsPatch(patch: Record<string, unknown>): Record<string, unknown> {
    return sealPatch(EMAIL_SETTINGS_SPEC, patch, this.box_, EMAIL_SECRETS_CONTEXT)
  }

  /** The stored overrides as saved (secrets sealed); for compensation. */
  @InjectManager()
  async getStoredEmailOverrides(@MedusaContext() sharedContext: Context = {}): Promise<StoredOverrides> {
    return ((await this.settingsRow_(sharedContext))?.overrides as StoredOverrides) ?? {}
  }

  /**
   * Applies an admin patch to the saved settings (validated per field, secrets sealed, null
   * removes an override). Returns the overrides before and after.
   */
  @InjectTransactionManager()
  async saveEmailSettingsOverrides(
    patch: Record<string, unknown>,
    actorId: string | null,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ previous: StoredOverrides; next: StoredOverrides }> {
    await MessagingStore.of(sharedContext).lockSettings()
    const row = await this.settingsRow_(sharedContext)
    const previous = (row?.overrides as StoredOverrides) ?? {}
    const next = mergeOverrides(EMAIL_SETTINGS_SPEC, previous, patch, this.box_, EMAIL_SECRETS_CONTEXT)
    // The whole result must resolve, so a saved value never breaks sending later.
    const effective = resolveSettings(EMAIL_SETTINGS_SPEC, {
      ...openStoredOverrides(EMAIL_SETTINGS_SPEC, next, this.box_, EMAIL_SECRETS_CONTEXT),
      options: settingsOptionsLayer(this.emailOptions_),
    })
    const plain = plainSmtpProblem(effective.values)
    if (plain) throw new MedusaError(MedusaError.Types.INVALID_DATA, plain)
    await this.writeOverrides_(row?.id ?? null, next, actorId, sharedContext)
    return { previous, next }
  }

  /** Puts back overrides exactly as stored before (compensation). */
  @InjectTransactionManager()
  async restoreEmailSettingsOverrides(stored: StoredOverrides, @MedusaContext() sharedContext: Context = {}) {
    await MessagingStore.of(sharedContext).lockSettings()
    const row = await this.settingsRow_(sharedContext)
    await this.writeOverrides_(row?.id ?? null, stored, null, sharedContext)
  }

  protected async settingsRow_(sharedContext: Context) {
    const [row] = await this.listLoyaltyEmailSettings({}, { order: { created_at: "ASC" }, take: 1 }, sharedContext)
    return row ?? null
  }

  protected async writeOverrides_(id: string | null, overrides: StoredOverrides, actorId: string | null, sharedContext: Context) {
    if (id) {
      await MessagingStore.of(sharedContext).replaceSettingsOverrides(id, overrides, actorId)
    } else {
      await this.createLoyaltyEmailSettings({ overrides, updated_by: actorId }, sharedContext)
    }
  }

  // ---------- templates ----------

  /**
   * The template to use for a shopper's locale: the first active one along the fallback
   * chain (lb -> de -> en, fr -> en), the whole template at once, never a mix. When the
   * database holds no row of this key at all (templates not seeded yet), the built-in copy
   * is used, so no mail is lost to a missed migration. NOT_FOUND when the merchant switched
   * off every locale of the chain: that mail is not wanted.
   */
  @InjectManager()
  async resolveTemplate(key: string, locale: string | null | undefined, @MedusaContext() sharedContext: Context = {}) {
    const chain = localeChain(locale)
    const rows = await this.listLoyaltyEmailTemplates({ key }, {}, sharedContext)
    for (const l of chain) {
      const found = rows.find((r) => r.locale === l && r.is_active)
      if (found) return found
    }
    if (!rows.length && (TEMPLATE_KEYS as readonly string[]).includes(key)) {
      const l = chain.find((c) => SEED_TEMPLATES[c as EmailLocale]?.[key as TemplateKey]) ?? "en"
      return { id: null, key, locale: l, is_active: true, builtin: true, ...SEED_TEMPLATES[l as EmailLocale][key as TemplateKey] }
    }
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `No active email template ${key} in ${chain.join(", ")}: switched off in the admin`
    )
  }

  /**
   * Renders a template (or a draft of it) with raw variables, formatted for its locale; dates in
   * `timeZone` (default: the `email.timeZone` option).
   */
  renderTemplate(
    template: { key: string; locale: string } & TemplateContent,
    variables: EmailVariables,
    draft: Partial<TemplateContent> = {},
    timeZone: string = this.config_.timeZone
  ): RenderedEmail {
    const key = asTemplateKey(template.key)
    return renderEmail(key, template.locale, { ...pick(template), ...stripUndefined(draft) }, variables, timeZone)
  }

  /** Validates and saves an edit; returns the template before and after (for compensation). */
  @InjectTransactionManager()
  async editTemplate(
    id: string,
    patch: Partial<TemplateContent> & { is_active?: boolean },
    actorId: string | null,
    @MedusaContext() sharedContext: Context = {}
  ) {
    const previous = await this.retrieveLoyaltyEmailTemplate(id, {}, sharedContext)
    validateTemplate(asTemplateKey(previous.key), patch)
    const updated = await this.updateLoyaltyEmailTemplates({ id, ...stripUndefined(patch), updated_by: actorId }, sharedContext)
    return { previous, updated }
  }

  // ---------- email log and delivery ----------

  /** Writes the mail to the log as `queued` (or finds it by its key). */
  @InjectTransactionManager()
  async queueEmail(message: OutgoingEmail, @MedusaContext() sharedContext: Context = {}) {
    return await MessagingStore.of(sharedContext).queue(message)
  }

  /**
   * Sends a logged mail once: claims it (committed before anything leaves), sends through the
   * effective transport, records sent / retrying / failed with the provider and from address
   * used. Never throws for a delivery failure: the retry job takes it from the log.
   *
   * The attempt is aborted before its lease ends (`leaseSeconds` minus a margin), and its
   * outcome is written only while the row still carries this attempt's claim (fencing on the
   * attempt number): a sender that overran its lease never overwrites the attempt that took
   * the mail over.
   *
   * Delivery is at-least-once: if the process dies after the server accepted the mail but
   * before `sent` is written, the lease runs out and the mail is sent again, with the same
   * Message-ID so mail clients and the log show it is the same mail. No SMTP server can make
   * this exactly-once; what the log guarantees is that no mail is lost and a redelivered
   * event or a second worker never sends it again.
   *
   * `retry: false` (the settings test mail): a failure is final (`failed`), never retried.
   */
  @InjectManager()
  async deliverEmail(
    logId: string,
    opts: { settings?: EffectiveEmailSettings; retry?: boolean } = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<DeliveryOutcome> {
    const deadlineMs = (this.config_.leaseSeconds - LEASE_MARGIN_SECONDS) * 1000
    // Started before the claim, so the attempt ends before the lease the claim sets.
    const deadline = AbortSignal.timeout(deadlineMs)
    // Each phase commits on its own (no shared transaction): the claim must be visible to
    // other workers before the mail leaves, and the outcome recorded after.
    const claimed = await this.claimEmail_(logId)
    if (!claimed) {
      return { log: await this.retrieveLoyaltyEmailLog(logId, {}, sharedContext) as unknown as EmailLogDTO, attempted: false }
    }
    return await this.attempt_(claimed, opts, deadline, deadlineMs)
  }

  /**
   * "Send again" for a failed mail, asked for by `actorId`: one more attempt on the same log row
   * (same idempotency key and Message-ID), recorded in its history like any attempt. Only a
   * `failed` mail qualifies, and the claim is one conditional UPDATE, so two requests at once
   * send it once: the other is refused (NOT_ALLOWED, reason `not_failed`). A settings test mail
   * is rendered again first, since its body states the settings of the attempt, and stays
   * one-shot; any other mail that fails again is failed again (its retries were used up).
   */
  @InjectManager()
  async resendFailedEmail(logId: string, actorId: string | null, @MedusaContext() sharedContext: Context = {}): Promise<DeliveryOutcome> {
    const deadlineMs = (this.config_.leaseSeconds - LEASE_MARGIN_SECONDS) * 1000
    const deadline = AbortSignal.timeout(deadlineMs)
    const log = (await this.retrieveLoyaltyEmailLog(logId, {}, sharedContext)) as unknown as EmailLogDTO
    const context = (log.context ?? {}) as Record<string, unknown>
    const oneShot = context.one_shot === true
    let settings: EffectiveEmailSettings | undefined
    let rewrite: Parameters<MessagingStore["claimFailed"]>[3]
    if (oneShot && log.status === "failed") {
      settings = await this.getEffectiveEmailSettings(sharedContext)
      const delivery = describeDelivery(settings.values, this.config_.sendgridSmtpHost)
      const message = settingsTestMessage(delivery, smtpConnection(settings.values, this.config_.sendgridSmtpHost), settings)
      rewrite = { ...message, context: { ...context, delivery } }
    }
    const claimed = await this.claimFailedEmail_(logId, actorId, rewrite)
    if (!claimed) {
      const now = (await this.retrieveLoyaltyEmailLog(logId, {}, sharedContext)) as unknown as EmailLogDTO
      throw Object.assign(
        new MedusaError(
          MedusaError.Types.NOT_ALLOWED,
          `Email ${logId} is ${now.status}, not failed: only a failed mail can be sent again`
        ),
        { reason: "not_failed", status: now.status }
      )
    }
    return await this.attempt_(claimed, { settings, retry: oneShot ? false : undefined }, deadline, deadlineMs)
  }

  /** One attempt of a claimed mail; records sent / retrying / failed (see `deliverEmail`). */
  protected async attempt_(
    claimed: EmailLogDTO,
    opts: { settings?: EffectiveEmailSettings; retry?: boolean },
    deadline: AbortSignal,
    deadlineMs: number
  ): Promise<DeliveryOutcome> {
    const logId = claimed.id
    const claim = { id: logId, attempt: claimed.attempts }
    let provider: string | null = null
    let from: string | null = null
    try {
      const settings = opts.settings ?? (await this.getEffectiveEmailSettings())
      provider = settings.values.provider ?? "log"
      const sender = senderMailbox(settings.values)
      from = sender?.address ?? null
      if (!from && provider !== "log") {
        throw new Error("from_address is not set (setting, option email.from or env REWARDFLOW_SMTP_FROM)")
      }
      const transport = createTransport(settings.values, { sendgridHost: this.config_.sendgridSmtpHost, logger: this.logger_ })
      try {
        const receipt = await transport.send(
          {
            from: { address: from ?? "rewardflow@localhost", name: sender?.name ?? null },
            to: claimed.recipient,
            reply_to: settings.values.reply_to ?? null,
            subject: claimed.subject,
            html: claimed.html_body,
            text: claimed.text_body,
            message_id: claimed.message_id,
          },
          { signal: deadline }
        )
        return await this.recordOutcome_(claim, { status: "sent", provider, from_address: from, provider_response: receipt.response ?? null })
      } finally {
        transport.close()
      }
    } catch (e) {
      const error = deadline.aborted
        ? `attempt aborted after ${deadlineMs / 1000} s, before its lease (email.leaseSeconds ${this.config_.leaseSeconds}) ran out`
        : describeError(e)
      const last = opts.retry === false || claimed.attempts >= this.config_.maxAttempts
      const delay = Math.min(MAX_RETRY_DELAY_SECONDS, this.config_.retryBaseDelaySeconds * 2 ** (claimed.attempts - 1))
      this.logger_?.warn(
        `[rewardflow] email ${logId} (${claimed.template_key}) attempt ${claimed.attempts} failed: ${error}${last ? " (not retried)" : ` (retry in ${delay}s)`}`
      )
      return await this.recordOutcome_(claim, {
        status: last ? "failed" : "retrying",
        provider,
        from_address: from,
        error,
        retry_in_seconds: delay,
      })
    }
  }

  protected async recordOutcome_(claim: { id: string; attempt: number }, outcome: Parameters<MessagingStore["finish"]>[2]): Promise<DeliveryOutcome> {
    const { log, recorded } = await this.finishEmail_(claim.id, claim.attempt, outcome)
    if (!log) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Email log ${claim.id} was deleted while attempt ${claim.attempt} was being sent (${outcome.status}): its outcome cannot be recorded`
      )
    }
    if (!recorded) {
      this.logger_?.warn(
        `[rewardflow] email ${claim.id} attempt ${claim.attempt} ended (${outcome.status}) after its lease: attempt ${log.attempts} had taken it over, its outcome stands`
      )
    }
    return { log, attempted: true }
  }

  @InjectTransactionManager()
  protected async claimEmail_(logId: string, @MedusaContext() sharedContext: Context = {}) {
    return await MessagingStore.of(sharedContext).claim(logId, this.config_.leaseSeconds)
  }

  @InjectTransactionManager()
  protected async claimFailedEmail_(
    logId: string,
    actorId: string | null,
    rewrite: Parameters<MessagingStore["claimFailed"]>[3],
    @MedusaContext() sharedContext: Context = {}
  ) {
    return await MessagingStore.of(sharedContext).claimFailed(logId, this.config_.leaseSeconds, actorId, rewrite)
  }

  @InjectTransactionManager()
  protected async finishEmail_(
    logId: string,
    attempt: number,
    outcome: Parameters<MessagingStore["finish"]>[2],
    @MedusaContext() sharedContext: Context = {}
  ) {
    return await MessagingStore.of(sharedContext).finish(logId, attempt, outcome)
  }

  /**
   * Mails the retry job should try now: due retries, expired leases, stale queued rows.
   * One-shot mails (settings test) left queued or sending by a crash are marked failed instead.
   */
  @InjectTransactionManager()
  async listDueEmailIds(limit = 100, @MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    const store = MessagingStore.of(sharedContext)
    await store.abandonStaleOneShots(this.config_.leaseSeconds)
    return await store.due(limit, this.config_.leaseSeconds)
  }

  /**
   * Sends the settings test mail. The settings are resolved once, and the same object both
   * writes the body and drives the transport: what the body states is what was used. It is
   * sent once, never retried (a retry could use other settings than the body states): a
   * failure is returned to the caller and logged as `failed`.
   */
  @InjectManager()
  async sendSettingsTestEmail(to: string, requestId: string, @MedusaContext() sharedContext: Context = {}) {
    const settings = await this.getEffectiveEmailSettings(sharedContext)
    const connection = smtpConnection(settings.values, this.config_.sendgridSmtpHost)
    const delivery = describeDelivery(settings.values, this.config_.sendgridSmtpHost)
    const { subject, html_body, text_body } = settingsTestMessage(delivery, connection, settings)
    const { log } = await this.queueEmail({
      idempotency_key: `settings_test:${requestId}`,
      template_key: "settings_test",
      locale: "en",
      recipient: to,
      subject,
      html_body,
      text_body,
      context: { delivery, one_shot: true },
    })
    const outcome = await this.deliverEmail(log.id, { settings, retry: false })
    return { ...outcome, delivery }
  }

  // ---------- expiring points ----------

  /** Records expiry notices; returns only those never recorded before (each is emitted once). */
  @InjectTransactionManager()
  async recordExpiryNotices(
    notices: { account_id: string; expires_on: string; points: number }[],
    @MedusaContext() sharedContext: Context = {}
  ) {
    return await MessagingStore.of(sharedContext).insertExpiryNotices(notices)
  }

  // ---------- diagnosis ----------

  /** Runs the SMTP diagnosis against the effective settings (or the SMTP host they name). */
  @InjectManager()
  async diagnose(timeoutMs = 3000, @MedusaContext() sharedContext: Context = {}) {
    const effective = await this.getEffectiveEmailSettings(sharedContext)
    const values = { ...effective.values }
    if (values.provider === "log") {
      if (!values.host) {
        return { provider: "log", target: null, steps: [] as DiagnoseStep[], note: "provider is log and no SMTP host is set: nothing to check" }
      }
      values.provider = "smtp"
    }
    const connection = smtpConnection(values, this.config_.sendgridSmtpHost)!
    const steps = await diagnoseSmtp(connection, timeoutMs)
    return { provider: effective.values.provider, target: `${connection.host}:${connection.port}`, steps, note: null }
  }
}

/** Why the connection is secured the way it is, for the test mail's Security line. */
function securityReason(connection: SmtpConnection | null, settings: EffectiveEmailSettings): string {
  const v = settings.values
  const from = (name: "secure" | "require_tls") => `${name} from ${settings.sources[name] ?? "nowhere"}`
  if (!connection) return "provider log"
  if (connection.security === "implicit_tls") return v.secure === true ? from("secure") : `port ${connection.port}, secure not set`
  if (v.provider === "sendgrid") return "always for the sendgrid relay"
  if (connection.security === "starttls") return v.require_tls === true ? from("require_tls") : `required: ${connection.host} is not a loopback host`
  return `${connection.host} is a loopback host and require_tls is not on`
}

/** Where the test mail's From line comes from: the address's layer, and the name's setting and layer. */
function senderNote(sender: SenderDescription): string {
  const address = `from ${sender.address_source ?? "nowhere"}`
  if (sender.name_from === "from_address") return `${address}; name: written in from_address`
  if (sender.name_from === "from_name") {
    const unused = sender.unused_display_name ? `; ${JSON.stringify(sender.unused_display_name)} written in from_address not used` : ""
    return `address ${address}; name: from_name, from ${sender.name_source ?? "nowhere"}${unused}`
  }
  return address
}

function settingsTestMessage(delivery: DeliveryDescription, connection: SmtpConnection | null, settings: EffectiveEmailSettings) {
  const sources = settings.sources as Record<string, string | null>
  const sender = describeSender(settings)
  const from = (source: string | null | undefined) => `from ${source ?? "nowhere"}`
  const lines = [
    ["Provider", delivery.provider, from(sources.provider)],
    ["Host", delivery.host ?? "(none)", delivery.provider === "sendgrid" ? "sendgrid relay" : from(sources.host)],
    ["Port", delivery.port === null ? "(none)" : String(delivery.port), from(sources.port)],
    ["Security", delivery.security, securityReason(connection, settings)],
    ["From", sender.header ?? "(none)", senderNote(sender)],
    ["User", delivery.user ?? "(none)", delivery.provider === "sendgrid" ? "sendgrid relay" : from(sources.user)],
  ] as const
  const text =
    "This is a test mail from RewardFlow. It was sent with these effective settings:\n\n" +
    lines.map(([label, value, note]) => `${label}: ${value} (${note})`).join("\n") +
    "\n"
  const html =
    "<p>This is a test mail from RewardFlow. It was sent with these effective settings:</p><table>" +
    lines
      .map(([label, value, note]) => `<tr><th align="left">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td><td>(${escapeHtml(note)})</td></tr>`)
      .join("") +
    "</table>"
  return { subject: `RewardFlow test mail via ${delivery.provider}`, html_body: html, text_body: text }
}

function asTemplateKey(key: string): TemplateKey {
  if (!isTemplateKey(key)) throw new MedusaError(MedusaError.Types.INVALID_DATA, `Unknown email template key ${key}`)
  return key
}

function pick(t: TemplateContent): TemplateContent {
  return { subject: t.subject, html_body: t.html_body, text_body: t.text_body }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>
}

/** An error as the log stores it: the server's words, never credentials, bounded in size. */
function describeError(e: unknown): string {
  const err = e as { message?: string; code?: string; responseCode?: number; command?: string }
  const parts = [err.code, err.responseCode ? `SMTP ${err.responseCode}` : null, err.message ?? String(e)].filter(Boolean)
  return parts.join(": ").slice(0, 1000)
}
