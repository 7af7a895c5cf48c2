import { MedusaError } from "@medusajs/framework/utils"

/** In-store terminals: `terminal` in the plugin's options. Every field is optional. */
export type TerminalOptions = {
  /** Failed PINs (across all devices) within the window that lock a staff member. Default: 5. */
  maxPinFailures?: number
  /** Minutes over which failures are counted, from the first one. Default: 15. */
  failureWindowMinutes?: number
  /** Length of the first lock; each further lock doubles it. Default: 15. */
  lockMinutes?: number
  /** Longest lock, in hours. Default: 24. */
  maxLockHours?: number
  /** Hours without a lock after which the doubling starts over. Default: 24. */
  lockCountResetHours?: number
  /** Minutes a staff session lasts. Default: 30. */
  sessionMinutes?: number
  /** Minutes a pairing code is valid. Default: 10. */
  pairingCodeMinutes?: number
  /** Wrong pairing codes one client IP may send per window before 429. Default: 10. */
  pairingMaxFailuresPerIp?: number
  /** Wrong pairing codes all clients together may send per window before 429. Default: 100. */
  pairingMaxFailuresGlobal?: number
  /** Window of the pairing rate limit, in minutes. Default: 15. */
  pairingWindowMinutes?: number
  /** Hours an offline bundle (GET /terminal/offline-bundle) is valid. Default: 24. */
  offlineBundleHours?: number
  /**
   * The scrypt parameters offline keys are sealed with: "production" (default, N=2^15, r=8, p=1).
   * "test" (N=2^4) is for automated tests only and is refused at boot unless NODE_ENV is "test".
   */
  offlineScrypt?: "production" | "test"
}

export type TerminalSettings = Required<TerminalOptions>

const DEFAULTS: TerminalSettings = {
  maxPinFailures: 5,
  failureWindowMinutes: 15,
  lockMinutes: 15,
  maxLockHours: 24,
  lockCountResetHours: 24,
  sessionMinutes: 30,
  pairingCodeMinutes: 10,
  pairingMaxFailuresPerIp: 10,
  pairingMaxFailuresGlobal: 100,
  pairingWindowMinutes: 15,
  offlineBundleHours: 24,
  offlineScrypt: "production",
}

/** Validates `terminal.*` at boot (a message naming the option) and applies the defaults. */
export function terminalSettingsFromOptions(options: { terminal?: TerminalOptions } | undefined): TerminalSettings {
  const t = options?.terminal ?? {}
  const fail = (option: string, problem: string): never => {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `medusa-plugin-rewardflow: option terminal.${option} ${problem}`)
  }
  if (typeof t !== "object" || Array.isArray(t)) fail("", "must be an object")
  // Only these keys are checked here: the till's caps (points per receipt, per hour) live under
  // `terminal` too and are checked where they are used.
  const known = Object.keys(DEFAULTS).filter((key) => key !== "offlineScrypt")
  const settings = { ...DEFAULTS }
  for (const key of known as Exclude<keyof TerminalSettings, "offlineScrypt">[]) {
    const value = t[key]
    if (value === undefined) continue
    if (typeof value !== "number" || !(value > 0) || !Number.isFinite(value)) fail(key, `must be a number > 0, got ${JSON.stringify(value)}`)
    settings[key] = value as number
  }
  if (t.offlineScrypt !== undefined) {
    if (t.offlineScrypt !== "production" && t.offlineScrypt !== "test") fail("offlineScrypt", `must be "production" or "test", got ${JSON.stringify(t.offlineScrypt)}`)
    if (t.offlineScrypt === "test" && process.env.NODE_ENV !== "test") fail("offlineScrypt", `"test" is allowed only when NODE_ENV is "test" (automated tests)`)
    settings.offlineScrypt = t.offlineScrypt
  }
  for (const key of ["maxPinFailures", "pairingMaxFailuresPerIp", "pairingMaxFailuresGlobal"] as const) {
    if (!Number.isSafeInteger(settings[key])) fail(key, `must be a whole number, got ${settings[key]}`)
  }
  return settings
}
