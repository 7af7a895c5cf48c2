import type { SettingSource } from "../../../lib/layered-settings"

/** Effective Wallet settings and endpoints (secrets included: keep in memory, never return). */
export type WalletValues = {
  issuer_id?: string
  service_account_json?: string
  key_file?: string
  origins?: string[]
  default_logo_url?: string
  /** Public base URL of this server (tier bands on passes); none: no tier band. */
  public_url?: string
  issuer_name?: string
  background_color?: string
  environment?: "demo" | "production"
  api_base_url: string
  token_url: string
  save_url_base: string
}

export type WalletSources = Record<keyof WalletValues, SettingSource | null>

/** Outcome of one pass sync; no secret in it (workflow results may be stored). */
export type WalletPassSyncOutcome = {
  account_id: string
  status: "synced" | "failed" | "skipped"
  reason?: string
  balance?: number
  notified?: boolean
  inserted?: boolean
  error?: string
  /** The failure says Google cannot be reached right now (the retry job stops its run). */
  unreachable?: boolean
}
