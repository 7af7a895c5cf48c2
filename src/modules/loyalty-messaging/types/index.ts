/**
 * Options of the email part of RewardFlow, under `email` in the plugin options. Every
 * delivery field can also come from env vars and be overridden from the admin (database >
 * options > env > default); see the README table.
 */
export type LoyaltyEmailOptions = {
  /** "smtp", "sendgrid" or "log" (writes to the email log only). Default: env REWARDFLOW_EMAIL_PROVIDER, else "log". */
  provider?: "smtp" | "sendgrid" | "log"
  /** SMTP host, e.g. "smtp.example.com". Default: env REWARDFLOW_SMTP_HOST. */
  host?: string
  /** SMTP port: 465 (implicit TLS), 587 (STARTTLS) or 25/1025 on loopback. Default: env REWARDFLOW_SMTP_PORT, else 587. */
  port?: number
  /** Implicit TLS from the first byte. Default: env REWARDFLOW_SMTP_SECURE, else true on port 465 and false on any other port. */
  secure?: boolean
  /**
   * Refuse to send unless the server upgrades with STARTTLS. Unset (default, env
   * REWARDFLOW_SMTP_REQUIRE_TLS): required for every host but a loopback one (localhost,
   * 127.0.0.1, ::1), which gets plain SMTP. `false` is accepted only for a loopback host.
   */
  requireTls?: boolean
  /** SMTP user. Default: env REWARDFLOW_SMTP_USER. */
  user?: string
  /** SMTP password (secret, never returned). Default: env REWARDFLOW_SMTP_PASSWORD. */
  password?: string
  /** SendGrid API key, used through SendGrid's SMTP relay (secret). Default: env REWARDFLOW_SENDGRID_API_KEY. */
  sendgridApiKey?: string
  /**
   * Sender: an address, or a name and an address, as in "loyalty@shop.lu",
   * "Support <support@shop.lu>" or '"Shop, Inc." <a@b.lu>' (one address only; anything else stops
   * the boot naming this option). Default: env REWARDFLOW_SMTP_FROM (the same forms).
   */
  from?: string
  /**
   * Sender name, e.g. "Café Lëtzebuerg". When set (option, env or admin), it is used instead of a
   * name written in `from`. Default: env REWARDFLOW_EMAIL_FROM_NAME.
   */
  fromName?: string
  /** Reply-To address. Default: env REWARDFLOW_EMAIL_REPLY_TO. */
  replyTo?: string
  /**
   * Verify the server's TLS certificate. Only set false for a server with a self-signed
   * certificate you trust (a test server). Default: env REWARDFLOW_SMTP_TLS_REJECT_UNAUTHORIZED, else true.
   */
  tlsRejectUnauthorized?: boolean
  /** Days ahead the expiring-points job warns about. Default: 14. */
  expiringWithinDays?: number
  /** Delivery attempts before a mail is marked failed. Default: 8. */
  maxAttempts?: number
  /** First retry delay in seconds, doubled on each attempt (capped at one hour). Default: 60. */
  retryBaseDelaySeconds?: number
  /**
   * How long a sender holds a claimed mail before the retry job may take it over. An attempt
   * is aborted 10 s before its lease ends, so this must exceed the SMTP timeouts (15 s connect,
   * 15 s greeting, 30 s socket): at least 70. Default: 120.
   */
  leaseSeconds?: number
  /**
   * Host of SendGrid's SMTP relay. Change it only to point tests at a local server.
   * Default: "smtp.sendgrid.net".
   */
  sendgridSmtpHost?: string
  /** Link to the shopper's loyalty page, `{{shop_url}}` in templates. Default: "". */
  shopUrl?: string
  /**
   * Storefront page where the signed-in shopper adds the card to Google Wallet, `{{wallet_url}}`
   * in templates. Default: "" (the paragraph is left out).
   */
  walletUrl?: string
  /**
   * IANA time zone dates in mails are written in (an expiry at 23:30 UTC on 31 December is
   * 1 January in Luxembourg). Default: "UTC". Example: "Europe/Luxembourg".
   */
  timeZone?: string
  /**
   * Store staff allowed to edit templates when Medusa's RBAC is not enabled: admin user emails
   * and/or values of the user's `metadata.role`. Admins (users whose metadata.role is unset or
   * "admin") can always edit. Default: nobody else. Example: `{ emails: ["marie@shop.lu"], roles: ["marketing"] }`.
   */
  templateEditors?: { emails?: string[]; roles?: string[] }
}

export type EmailLogStatus = "queued" | "sending" | "sent" | "retrying" | "failed"

/** A message ready to be logged and sent: rendered, addressed, keyed. */
export type OutgoingEmail = {
  idempotency_key: string
  template_key: string
  locale: string | null
  recipient: string
  subject: string
  html_body: string
  text_body: string
  context?: Record<string, unknown> | null
}

export type EmailLogDTO = {
  id: string
  idempotency_key: string
  template_key: string
  locale: string | null
  recipient: string
  subject: string
  html_body: string
  text_body: string
  message_id: string
  status: EmailLogStatus
  attempts: number
  provider: string | null
  from_address: string | null
  provider_response: string | null
  error: string | null
  next_attempt_at: Date | null
  lease_until: Date | null
  sent_at: Date | null
  context: Record<string, unknown> | null
  attempt_history: { at: string; status: string; provider: string | null; from_address: string | null; error: string | null; response: string | null }[] | null
  created_at: Date
  updated_at: Date
}

export type DeliveryOutcome = {
  log: EmailLogDTO
  /** False when another sender holds the mail or it was already sent. */
  attempted: boolean
}
