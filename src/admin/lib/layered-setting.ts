/** Where an effective setting comes from (first that sets it wins). */
export type SettingSource = "database" | "options" | "env" | "default"

/**
 * One effective setting as the settings routes (emails, Google Wallet) describe it: its value
 * and source; a secret only as `is_set` (`value` is always null).
 */
export type LayeredSetting = { value: unknown; source: SettingSource | null; is_set: boolean; secret?: true }

/** The part every settings view shares: the settings by name. */
export type LayeredSettingsView = { settings: Record<string, LayeredSetting> }
