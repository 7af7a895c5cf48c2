import { MedusaError } from "@medusajs/framework/utils"
import type { EffectiveEmailSettings } from "../../settings-spec"
import { LogTransport } from "./log"
import { SmtpTransport, type SmtpConnection } from "./smtp"
import type { DeliveryDescription, EmailTransport } from "./types"

export * from "./types"
export { SmtpTransport, LogTransport }
export type { SmtpConnection }

export const SENDGRID_SMTP_HOST = "smtp.sendgrid.net"

/**
 * The SMTP connection the effective settings describe; null for the `log` provider.
 * SendGrid goes through its relay with the user "apikey" and the API key as password.
 */
export function smtpConnection(
  settings: EffectiveEmailSettings["values"],
  sendgridHost = SENDGRID_SMTP_HOST
): SmtpConnection | null {
  if (settings.provider === "log") return null
  const port = settings.port ?? 587
  if (settings.provider === "sendgrid") {
    if (!settings.sendgrid_api_key) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "Provider sendgrid needs sendgrid_api_key (setting, option email.sendgridApiKey or env REWARDFLOW_SENDGRID_API_KEY)")
    }
    return {
      host: sendgridHost,
      port,
      secure: port === 465 || !!settings.secure,
      requireTls: port !== 465,
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
    secure: !!settings.secure,
    requireTls: !!settings.require_tls,
    user: settings.user ?? null,
    password: settings.password ?? null,
    rejectUnauthorized: settings.tls_reject_unauthorized !== false,
  }
}

export function securityLabel(connection: SmtpConnection | null): string {
  if (!connection) return "none (log only, nothing is sent)"
  if (connection.secure) return "implicit TLS"
  return connection.requireTls ? "STARTTLS (required)" : "STARTTLS when the server offers it, else plain"
}

/** Provider, host, port, security and from address a send with these settings uses. */
export function describeDelivery(settings: EffectiveEmailSettings["values"], sendgridHost?: string): DeliveryDescription {
  const connection = smtpConnection(settings, sendgridHost)
  return {
    provider: settings.provider ?? "log",
    host: connection?.host ?? null,
    port: connection?.port ?? null,
    security: securityLabel(connection),
    from: settings.from_address ?? null,
    user: connection?.user ?? null,
  }
}

export function createTransport(
  settings: EffectiveEmailSettings["values"],
  opts: { sendgridHost?: string; logger?: { info(msg: string): void } } = {}
): EmailTransport {
  const connection = smtpConnection(settings, opts.sendgridHost)
  if (!connection) return new LogTransport(opts.logger)
  return new SmtpTransport(settings.provider!, connection)
}
