import { MedusaError } from "@medusajs/framework/utils"
import { resolveSettings } from "../../lib/layered-settings"
import type { RewardFlowOptions } from "../loyalty/options"
import { plainSmtpProblem, SENDGRID_SMTP_HOST, SMTP_WORST_CASE_MS } from "./lib/transports"
import { EMAIL_SETTINGS_SPEC, OPTION_NAMES, settingsOptionsLayer } from "./settings-spec"
import type { LoyaltyEmailOptions } from "./types"

/** The `email` options that are not delivery settings, with defaults applied. */
export type MessagingConfig = {
  expiringWithinDays: number
  maxAttempts: number
  retryBaseDelaySeconds: number
  leaseSeconds: number
  shopUrl: string
  walletUrl: string
  timeZone: string
  templateEditors: { emails: string[]; roles: string[] }
  sendgridSmtpHost: string
}

/** An attempt is aborted this long before its lease ends, leaving time to record the outcome. */
export const LEASE_MARGIN_SECONDS = 10
/**
 * The shortest lease: an attempt whose every SMTP phase runs to its timeout still ends
 * before the lease, so the retry job never takes over a mail that is still being sent.
 */
export const MIN_LEASE_SECONDS = Math.ceil(SMTP_WORST_CASE_MS / 1000) + LEASE_MARGIN_SECONDS

function fail(option: string, problem: string): never {
  throw new MedusaError(MedusaError.Types.INVALID_DATA, `medusa-plugin-rewardflow: option email.${option} ${problem}`)
}

function int(value: unknown, option: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback
  if (!Number.isSafeInteger(value) || (value as number) < min || (value as number) > max) {
    fail(option, `must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`)
  }
  return value as number
}

function stringList(value: unknown, option: string): string[] {
  if (value === undefined) return []
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string" || !v.trim())) fail(option, "must be a list of non-empty strings")
  return (value as string[]).map((v) => v.trim().toLowerCase())
}

function timeZone(value: unknown): string {
  if (value === undefined) return "UTC"
  try {
    if (typeof value !== "string" || !value) throw new RangeError()
    new Intl.DateTimeFormat("en", { timeZone: value })
  } catch {
    fail("timeZone", `must be an IANA time zone such as "Europe/Luxembourg", got ${JSON.stringify(value)}`)
  }
  return value as string
}

function leaseSeconds(value: unknown): number {
  const lease = int(value, "leaseSeconds", 1, 3600, 120)
  if (lease < MIN_LEASE_SECONDS) {
    fail(
      "leaseSeconds",
      `must be at least ${MIN_LEASE_SECONDS}, got ${lease}: an SMTP attempt may take ${SMTP_WORST_CASE_MS / 1000} s ` +
        `(connect, greeting and socket timeouts) and must end ${LEASE_MARGIN_SECONDS} s before its lease, or the retry job would send the mail a second time`
    )
  }
  return lease
}

const KNOWN = [
  ...Object.values(OPTION_NAMES),
  "expiringWithinDays",
  "maxAttempts",
  "retryBaseDelaySeconds",
  "leaseSeconds",
  "shopUrl",
  "walletUrl",
  "timeZone",
  "templateEditors",
  "sendgridSmtpHost",
]

/**
 * Validates `options.email` at boot (fails naming the option) and returns the module's
 * configuration. Delivery fields are checked through the settings spec, env vars too.
 */
export function messagingConfigFromOptions(options: RewardFlowOptions | undefined): MessagingConfig {
  const email = (options as { email?: LoyaltyEmailOptions } | undefined)?.email ?? {}
  if (typeof email !== "object" || Array.isArray(email)) fail("", "must be an object")
  for (const key of Object.keys(email)) {
    if (!KNOWN.includes(key)) fail(key, `is unknown (known: ${KNOWN.join(", ")})`)
  }
  const rawOptions = settingsOptionsLayer(email)
  const base = resolveSettings(EMAIL_SETTINGS_SPEC, { options: rawOptions }, "option email")
  const plain = plainSmtpProblem(base.values)
  if (plain) {
    const where = base.sources.require_tls === "env" ? "env REWARDFLOW_SMTP_REQUIRE_TLS" : "option email.requireTls"
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `medusa-plugin-rewardflow: ${where}: ${plain}`)
  }
  for (const url of ["shopUrl", "walletUrl", "sendgridSmtpHost"] as const) {
    if (email[url] !== undefined && typeof email[url] !== "string") fail(url, "must be a string")
  }
  const editors = email.templateEditors ?? {}
  if (typeof editors !== "object" || Array.isArray(editors)) fail("templateEditors", "must be { emails?: string[], roles?: string[] }")
  return {
    expiringWithinDays: int(email.expiringWithinDays, "expiringWithinDays", 1, 365, 14),
    maxAttempts: int(email.maxAttempts, "maxAttempts", 1, 50, 8),
    retryBaseDelaySeconds: int(email.retryBaseDelaySeconds, "retryBaseDelaySeconds", 0, 86_400, 60),
    leaseSeconds: leaseSeconds(email.leaseSeconds),
    shopUrl: email.shopUrl ?? "",
    walletUrl: email.walletUrl ?? "",
    timeZone: timeZone(email.timeZone),
    templateEditors: {
      emails: stringList(editors.emails, "templateEditors.emails"),
      roles: stringList(editors.roles, "templateEditors.roles"),
    },
    sendgridSmtpHost: email.sendgridSmtpHost ?? SENDGRID_SMTP_HOST,
  }
}
