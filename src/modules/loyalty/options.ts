import { MedusaError } from "@medusajs/framework/utils"
import type { EarnRate } from "./types"

/**
 * RewardFlow plugin options (`plugins: [{ resolve: "medusa-plugin-rewardflow", options }]`).
 * Medusa hands the same object to every module of the plugin; each module validates its part.
 */
export type RewardFlowOptions = {
  /**
   * Key that encrypts secrets saved from the admin (AES-256-GCM): 32 bytes as 64 hex
   * characters or base64, e.g. the output of `openssl rand -hex 32`.
   * Default: env REWARDFLOW_ENCRYPTION_KEY; without either, secrets can come only from
   * options or env, and saving one in the admin is refused.
   */
  encryptionKey?: string
  /** Redemption at checkout. */
  redemption?: {
    /**
     * Hours a cart may stay untouched before the points reserved on it go back to the
     * shopper (the promotion is removed and deactivated). Default: 24.
     */
    releaseAfterHours?: number
  }
  /**
   * Google Wallet loyalty passes (module `loyalty_wallet`). Every field is optional; values saved
   * in the admin override these, and these override the env vars named below. The private key is a
   * secret: give it here, in env, or save it in the admin (stored encrypted with `encryptionKey`).
   * @example
   * googleWallet: {
   *   issuerId: "3388000000012345678",
   *   keyFile: "/run/secrets/wallet-service-account.json",
   *   origins: ["https://shop.example.lu"],
   *   defaultLogoUrl: "https://shop.example.lu/logo.png",
   *   environment: "production",
   * }
   */
  googleWallet?: {
    /** Numeric issuer id from the Google Pay & Wallet Console. Env REWARDFLOW_GOOGLE_WALLET_ISSUER_ID. Default: none (Wallet off). */
    issuerId?: string
    /** The service account's JSON key (whole file content). Env REWARDFLOW_GOOGLE_WALLET_SERVICE_ACCOUNT_JSON. Default: none. */
    serviceAccountJson?: string
    /** Path of the service account's JSON key file, used when serviceAccountJson is not set. Env REWARDFLOW_GOOGLE_WALLET_KEY_FILE. Default: none. */
    keyFile?: string
    /** Web origins allowed to show the "Add to Google Wallet" button (https). Env REWARDFLOW_GOOGLE_WALLET_ORIGINS (comma-separated). Default: []. */
    origins?: string[]
    /** Logo shown on passes (https URL of an image). Env REWARDFLOW_GOOGLE_WALLET_DEFAULT_LOGO_URL. Default: none. */
    defaultLogoUrl?: string
    /** Public base URL of this Medusa server (https), where Google fetches the tier colour band of passes. Env REWARDFLOW_GOOGLE_WALLET_PUBLIC_URL. Default: none (no band). */
    publicUrl?: string
    /** Issuer name on passes. Env REWARDFLOW_GOOGLE_WALLET_ISSUER_NAME. Default: the program name. */
    issuerName?: string
    /** Pass background colour, "#RRGGBB". Env REWARDFLOW_GOOGLE_WALLET_BACKGROUND_COLOR. Default: "#1f3a5f". */
    backgroundColor?: string
    /** "demo" (issuer not yet approved: only test accounts see passes) or "production". Env REWARDFLOW_GOOGLE_WALLET_ENVIRONMENT. Default: "demo". */
    environment?: "demo" | "production"
    /** Wallet REST API base. Env REWARDFLOW_GOOGLE_WALLET_API_BASE_URL. Default: "https://walletobjects.googleapis.com/walletobjects/v1". */
    apiBaseUrl?: string
    /** OAuth token endpoint. Env REWARDFLOW_GOOGLE_WALLET_TOKEN_URL. Default: "https://oauth2.googleapis.com/token". */
    tokenUrl?: string
    /** Base of the "Add to Google Wallet" link. Env REWARDFLOW_GOOGLE_WALLET_SAVE_URL_BASE. Default: "https://pay.google.com/gp/v/save". */
    saveUrlBase?: string
  }
  /**
   * Settings of the program created the first time the plugin runs (when the database has
   * none). Afterwards the program is edited in the admin; these values are not re-applied.
   */
  defaultProgram?: {
    /** Shown to shoppers. Default: "Rewards". */
    name?: string
    /** Points per amount, per currency. Default: `{ eur: { points: 1, amount: 1 } }` (1 point per 1.00 EUR). */
    earnRates?: Record<string, EarnRate>
    /** How fractional points are rounded. Default: "floor". */
    rounding?: "floor" | "nearest"
    /** Count shipping in the amount that earns. Default: false. */
    countShipping?: boolean
    /** Count taxes in the amount that earns. Default: false. */
    countTaxes?: boolean
    /** Points credited once on enrollment. Default: 0. */
    welcomeBonusPoints?: number
    /** Months before earned points expire; null keeps them forever. Default: null. */
    pointsValidityMonths?: number | null
    /** Enroll a registered customer on their first order. Default: true. */
    autoEnroll?: boolean
    /** Locale for shoppers who have none (en, fr, de, lb). Default: "en". */
    defaultLocale?: "en" | "fr" | "de" | "lb"
  }
  /**
   * Loyalty emails: delivery settings (the base that values saved in the admin override),
   * retry and expiry-warning timing, links and who may edit templates. Every field is
   * optional; see the README. Default: provider "log" (nothing is sent).
   * Example: `{ provider: "smtp", host: "smtp.example.lu", port: 587, user: "loyalty", from: "loyalty@shop.lu" }`
   */
  email?: import("../loyalty-messaging/types").LoyaltyEmailOptions
  /**
   * The storefront's address, where a member's referral link points (`<storefrontUrl>?ref=CODE`):
   * an http(s) URL, e.g. "https://shop.example.lu". Env REWARDFLOW_STOREFRONT_URL.
   * Default: none (`referral_link` is null; the code still works).
   */
  storefrontUrl?: string
}

const LOCALES = ["en", "fr", "de", "lb"]

function fail(option: string, problem: string): never {
  throw new MedusaError(
    MedusaError.Types.INVALID_DATA,
    `medusa-plugin-rewardflow: option ${option} ${problem}`
  )
}

const isInt = (v: unknown, min: number) => Number.isSafeInteger(v) && (v as number) >= min

/** Validates the options at boot and returns the program to create, with defaults applied. */
export function defaultProgramFromOptions(options: RewardFlowOptions | undefined) {
  const p = options?.defaultProgram ?? {}
  if (typeof p !== "object" || Array.isArray(p)) fail("defaultProgram", "must be an object")
  const known = ["name", "earnRates", "rounding", "countShipping", "countTaxes", "welcomeBonusPoints", "pointsValidityMonths", "autoEnroll", "defaultLocale"]
  for (const key of Object.keys(p)) {
    if (!known.includes(key)) fail(`defaultProgram.${key}`, `is unknown (known: ${known.join(", ")})`)
  }
  if (p.name !== undefined && (typeof p.name !== "string" || !p.name.trim())) fail("defaultProgram.name", "must be a non-empty string")
  const earnRates: Record<string, EarnRate> = {}
  for (const [code, rate] of Object.entries(p.earnRates ?? { eur: { points: 1, amount: 1 } })) {
    if (!/^[a-zA-Z]{3}$/.test(code)) fail(`defaultProgram.earnRates.${code}`, "must be keyed by a 3-letter currency code")
    if (!(rate?.points > 0) || !(rate?.amount > 0)) {
      fail(`defaultProgram.earnRates.${code}`, "must be { points: > 0, amount: > 0 }")
    }
    earnRates[code.toLowerCase()] = { points: rate.points, amount: rate.amount }
  }
  if (p.rounding !== undefined && !["floor", "nearest"].includes(p.rounding)) fail("defaultProgram.rounding", `must be "floor" or "nearest", got ${JSON.stringify(p.rounding)}`)
  for (const flag of ["countShipping", "countTaxes", "autoEnroll"] as const) {
    if (p[flag] !== undefined && typeof p[flag] !== "boolean") fail(`defaultProgram.${flag}`, "must be true or false")
  }
  if (p.welcomeBonusPoints !== undefined && !isInt(p.welcomeBonusPoints, 0)) fail("defaultProgram.welcomeBonusPoints", "must be a whole number >= 0")
  if (p.pointsValidityMonths != null && !isInt(p.pointsValidityMonths, 1)) fail("defaultProgram.pointsValidityMonths", "must be a whole number >= 1, or null")
  if (p.defaultLocale !== undefined && !LOCALES.includes(p.defaultLocale)) fail("defaultProgram.defaultLocale", `must be one of ${LOCALES.join(", ")}`)

  return {
    name: p.name?.trim() ?? "Rewards",
    earn_rates: earnRates,
    rounding: p.rounding ?? "floor",
    count_shipping: p.countShipping ?? false,
    count_taxes: p.countTaxes ?? false,
    welcome_bonus_points: p.welcomeBonusPoints ?? 0,
    points_validity_months: p.pointsValidityMonths ?? null,
    auto_enroll: p.autoEnroll ?? true,
    default_locale: p.defaultLocale ?? "en",
  }
}

/** Validates `redemption.*` at boot and applies defaults. */
export function redemptionSettingsFromOptions(options: RewardFlowOptions | undefined) {
  const r = options?.redemption ?? {}
  if (typeof r !== "object" || Array.isArray(r)) fail("redemption", "must be an object")
  for (const key of Object.keys(r)) {
    if (key !== "releaseAfterHours") fail(`redemption.${key}`, "is unknown (known: releaseAfterHours)")
  }
  const hours = r.releaseAfterHours ?? 24
  if (typeof hours !== "number" || !(hours > 0) || hours > 24 * 90) fail("redemption.releaseAfterHours", "must be a number of hours > 0 and <= 2160")
  return { release_after_hours: hours }
}

/** The till's caps (`terminal.*`; the terminal module checks the rest of `terminal`). */
export type TillLimitOptions = {
  /** Most points one in-store receipt may earn. Default: 5000. */
  maxPointsPerReceipt?: number
  /** Most points one device may award in a rolling hour. Default: 20000. */
  maxPointsPerDeviceHour?: number
  /** Awards above this many points need a manager's PIN as well. Default: 1000. */
  managerApprovalAbove?: number
}

/** Validates the till's caps under `terminal` at boot and applies defaults. */
export function tillLimitsFromOptions(options: (RewardFlowOptions & { terminal?: TillLimitOptions }) | undefined) {
  const t = (options?.terminal ?? {}) as TillLimitOptions
  const whole = (key: keyof TillLimitOptions, fallback: number) => {
    const v = t[key] ?? fallback
    if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > 1_000_000_000) fail(`terminal.${key}`, "must be a whole number of points from 1 to 1000000000")
    return v
  }
  return {
    max_points_per_receipt: whole("maxPointsPerReceipt", 5000),
    max_points_per_device_hour: whole("maxPointsPerDeviceHour", 20000),
    manager_approval_above: whole("managerApprovalAbove", 1000),
  }
}

/** The plugin's top-level options; each module checks its own part, this catches the typos. */
const TOP_LEVEL_OPTIONS = ["encryptionKey", "defaultProgram", "redemption", "email", "googleWallet", "terminal", "storefrontUrl"]
/** Keys Medusa itself adds to every module's options. */
const MEDUSA_OPTIONS = ["database"]

/** Refuses an option name the plugin does not know (e.g. `defaultprogram`), naming the known ones. */
export function assertKnownOptions(options: RewardFlowOptions | undefined) {
  if (options === undefined || options === null) return
  if (typeof options !== "object" || Array.isArray(options)) fail("(options)", "must be an object")
  for (const key of Object.keys(options)) {
    if (!TOP_LEVEL_OPTIONS.includes(key) && !MEDUSA_OPTIONS.includes(key)) fail(key, `is unknown (known: ${TOP_LEVEL_OPTIONS.join(", ")})`)
  }
}

const isHttpUrl = (value: string) => {
  try {
    return ["http:", "https:"].includes(new URL(value).protocol)
  } catch {
    return false
  }
}

/**
 * Validates `storefrontUrl` at boot. Returns a reader of the effective value: the option, else
 * env REWARDFLOW_STOREFRONT_URL (read when asked, ignored unless an http(s) URL), else null.
 */
export function storefrontUrlFromOptions(options: RewardFlowOptions | undefined): () => string | null {
  const option = options?.storefrontUrl
  if (option !== undefined && (typeof option !== "string" || !isHttpUrl(option.trim()))) {
    fail("storefrontUrl", `must be an http(s) URL such as "https://shop.example.lu", got ${JSON.stringify(option)}`)
  }
  return () => {
    if (option) return option.trim()
    const env = process.env.REWARDFLOW_STOREFRONT_URL?.trim()
    return env && isHttpUrl(env) ? env : null
  }
}
