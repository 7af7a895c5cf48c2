import { MedusaError } from "@medusajs/framework/utils"
import { senderMailbox, type EffectiveEmailSettings } from "../../settings-spec"
import { LogTransport } from "./log"
import { isLoopbackHost } from "./loopback"
import { SmtpTransport, type SmtpConnection, type SmtpSecurity } from "./smtp"
import type { DeliveryDescription, EmailTransport } from "./types"

export * from "./types"
export { SmtpTransport, LogTransport, isLoopbackHost }
export { nodemailerOptions, SMTP_WORST_CASE_MS } from "./smtp"
export type { SmtpConnection, SmtpSecurity }

export const SENDGRID_SMTP_HOST = "smtp.sendgrid.net"

type Values = EffectiveEmailSettings["values"]

/**
 * Implicit TLS when `secure` says so, or when it is unset and the port is 465. Otherwise
 * STARTTLS is required, except to a loopback host, which gets plain SMTP unless `require_tls`
 * is on: a password never crosses a network unencrypted.
 */
export function smtpSecurity(host: string, port: number, secure: boolean | undefined, requireTls: boolean | undefined): SmtpSecurity {
  if (secure ?? port === 465) return "implicit_tls"
  if (requireTls === true || !isLoopbackHost(host)) return "starttls"
  return "plain"
}

/**
 * The refusal for `require_tls: false` with a host that is not loopback, or null when the
 * combination is allowed. Saving it is refused with this message (400 naming the field).
 */
export function plainSmtpProblem(values: Pick<Values, "host" | "require_tls">): string | null {
  if (values.require_tls !== false || !values.host || isLoopbackHost(values.host)) return null
  return (
    `require_tls can be false only for a loopback SMTP host (localhost, 127.0.0.1, ::1): ${values.host} would receive ` +
    `the password and the mail unencrypted when it offers no STARTTLS. Remove require_tls (STARTTLS is then required) or use secure (port 465)`
  )
}

/**
 * The SMTP connection the effective settings describe; null for the `log` provider.
 * SendGrid goes through its relay with the user "apikey" and the API key as password.
 */
export function smtpConnection(settings: Values, sendgridHost = SENDGRID_SMTP_HOST): SmtpConnection | null {
  if (settings.provider === "log") return null
  const port = settings.port ?? 587
  if (settings.provider === "sendgrid") {
    if (!settings.sendgrid_api_key) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "Provider sendgrid needs sendgrid_api_key (setting, option email.sendgridApiKey or env REWARDFLOW_SENDGRID_API_KEY)")
    }
    return {
      host: sendgridHost,
      port,
      // The relay is never plain, loopback (tests) or not.
      security: (settings.secure ?? port === 465) ? "implicit_tls" : "starttls",
      user: "apikey",
      password: settings.sendgrid_api_key,
      rejectUnauthorized: settings.tls_reject_unauthorized !== false,
    }
  }
  if (!settings.host) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "Provider smtp needs host (setting, option email.host or env REWARDFLOW_SMTP_HOST)")
  }
  return {
    host: settings.host,
    port,
    security: smtpSecurity(settings.host, port, settings.secure, settings.require_tls),
    user: settings.user ?? null,
    password: settings.password ?? null,
    rejectUnauthorized: settings.tls_reject_unauthorized !== false,
  }
}

const SECURITY_LABELS: Record<SmtpSecurity, string> = {
  implicit_tls: "implicit TLS",
  starttls: "STARTTLS",
  plain: "plain on loopback (no TLS)",
}

/** What protects a connection; a sent mail went exactly this way (no fallback to plain). */
export function securityLabel(connection: SmtpConnection | null): string {
  if (!connection) return "none (log only, nothing is sent)"
  return SECURITY_LABELS[connection.security]
}

/** Provider, host, port, security, from address and name a send with these settings uses. */
export function describeDelivery(settings: Values, sendgridHost?: string): DeliveryDescription {
  const connection = smtpConnection(settings, sendgridHost)
  const sender = senderMailbox(settings)
  return {
    provider: settings.provider ?? "log",
    host: connection?.host ?? null,
    port: connection?.port ?? null,
    security: securityLabel(connection),
    from: sender?.address ?? null,
    from_name: sender?.name ?? null,
    user: connection?.user ?? null,
  }
}

export function createTransport(
  settings: Values,
  opts: { sendgridHost?: string; logger?: { info(msg: string): void } } = {}
): EmailTransport {
  const connection = smtpConnection(settings, opts.sendgridHost)
  if (!connection) return new LogTransport(opts.logger)
  return new SmtpTransport(settings.provider!, connection)
}
