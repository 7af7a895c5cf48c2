/** Where an effective setting comes from (first that sets it wins). */
export type SettingSource = "database" | "options" | "env" | "default"

/**
 * One effective setting as the settings routes (emails, Google Wallet) describe it: its value
 * and source; a secret only as `is_set` (`value` is always null).
 */
export type LayeredSetting = {
  value: unknown
  source: SettingSource | null
  is_set: boolean
  secret?: true
  /** A value saved in the admin that cannot be used (a secret the current key cannot decrypt); `value` / `is_set` then come from `fallback_source`. */
  problem?: string
  fallback_source?: SettingSource | null
}

/** The part every settings view shares: the settings by name. */
export type LayeredSettingsView = { settings: Record<string, LayeredSetting> }
