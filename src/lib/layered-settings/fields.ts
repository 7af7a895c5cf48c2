import { MedusaError } from "@medusajs/framework/utils"

/** Where an effective setting came from, in order of precedence. */
export type SettingSource = "database" | "options" | "env" | "default"

/**
 * One setting: how to read it from env (a string) or from options / the admin (any JSON),
 * its default, and whether it is a secret (stored sealed, never returned).
 */
export type SettingField<T> = {
  env?: string
  default?: T
  secret?: boolean
  /** Validates and converts a raw value; `from` names the field in the error. */
  parse: (raw: unknown, from: string) => T
}

export type SettingsSpec = Record<string, SettingField<any>>
export type SettingsValues<S extends SettingsSpec> = {
  [K in keyof S]: S[K] extends SettingField<infer T> ? T | undefined : never
}

const invalid = (from: string, problem: string) =>
  new MedusaError(MedusaError.Types.INVALID_DATA, `${from} ${problem}`)

/** Builders for the usual kinds of setting; env strings are converted by each. */
export const field = {
  string<T extends string = string>(extra: Partial<SettingField<T>> = {}): SettingField<T> {
    return {
      parse: (raw, from) => {
        if (typeof raw !== "string" || !raw.trim()) throw invalid(from, "must be a non-empty string")
        return raw.trim() as T
      },
      ...extra,
    }
  },
  int(min: number, max: number, extra: Partial<SettingField<number>> = {}): SettingField<number> {
    return {
      parse: (raw, from) => {
        const n = typeof raw === "string" && /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : raw
        if (!Number.isSafeInteger(n) || (n as number) < min || (n as number) > max) {
          throw invalid(from, `must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`)
        }
        return n as number
      },
      ...extra,
    }
  },
  bool(extra: Partial<SettingField<boolean>> = {}): SettingField<boolean> {
    return {
      parse: (raw, from) => {
        if (typeof raw === "boolean") return raw
        if (typeof raw === "string" && /^(true|1|yes)$/i.test(raw.trim())) return true
        if (typeof raw === "string" && /^(false|0|no)$/i.test(raw.trim())) return false
        throw invalid(from, `must be true or false, got ${JSON.stringify(raw)}`)
      },
      ...extra,
    }
  },
  oneOf<T extends string>(choices: readonly T[], extra: Partial<SettingField<T>> = {}): SettingField<T> {
    return {
      parse: (raw, from) => {
        const v = typeof raw === "string" ? raw.trim() : raw
        if (!choices.includes(v as T)) throw invalid(from, `must be one of ${choices.join(", ")}, got ${JSON.stringify(raw)}`)
        return v as T
      },
      ...extra,
    }
  },
  /** A list; from env it is comma-separated. */
  list(extra: Partial<SettingField<string[]>> = {}): SettingField<string[]> {
    return {
      parse: (raw, from) => {
        const items = typeof raw === "string" ? raw.split(",") : raw
        if (!Array.isArray(items) || items.some((i) => typeof i !== "string")) {
          throw invalid(from, "must be a list of strings (comma-separated in env)")
        }
        return items.map((i: string) => i.trim()).filter(Boolean)
      },
      ...extra,
    }
  },
}
