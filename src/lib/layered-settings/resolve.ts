import { MedusaError } from "@medusajs/framework/utils"
import { SecretBox } from "./secret-box"
import type { SettingSource, SettingsSpec, SettingsValues } from "./fields"

/** Values saved in the admin, as stored: secrets sealed, absent keys not overridden. */
export type StoredOverrides = Record<string, unknown>

export type EffectiveSettings<S extends SettingsSpec> = {
  values: SettingsValues<S>
  sources: { [K in keyof S]: SettingSource | null }
}

type Layers = {
  /** Admin overrides, already opened (see `openOverrides`). */
  database?: Record<string, unknown>
  options?: Record<string, unknown>
  env?: NodeJS.ProcessEnv
}

const present = (v: unknown) => v !== undefined && v !== null && v !== ""

/**
 * Resolves every field from the first layer that sets it: database, then plugin options,
 * then env, then the default. Options and env are validated here, so a bad value names
 * where it came from.
 */
export function resolveSettings<S extends SettingsSpec>(spec: S, layers: Layers, optionsPrefix = "option"): EffectiveSettings<S> {
  const values: Record<string, unknown> = {}
  const sources: Record<string, SettingSource | null> = {}
  const env = layers.env ?? process.env
  for (const [name, def] of Object.entries(spec)) {
    let value: unknown = undefined
    let source: SettingSource | null = null
    if (present(layers.database?.[name])) {
      value = def.parse(layers.database![name], `saved setting ${name}`)
      source = "database"
    } else if (present(layers.options?.[name])) {
      value = def.parse(layers.options![name], `${optionsPrefix} ${name}`)
      source = "options"
    } else if (def.env && present(env[def.env])) {
      value = def.parse(env[def.env], `env ${def.env}`)
      source = "env"
    } else if (def.default !== undefined) {
      value = def.default
      source = "default"
    }
    values[name] = value
    sources[name] = source
  }
  return { values: values as SettingsValues<S>, sources: sources as EffectiveSettings<S>["sources"] }
}

/**
 * The view an endpoint may return: each field with its value and source. Secrets show only
 * whether they are set and where from, never the value.
 */
export function describeSettings<S extends SettingsSpec>(spec: S, effective: EffectiveSettings<S>) {
  const out: Record<string, { value: unknown; source: SettingSource | null; secret?: true; is_set: boolean }> = {}
  for (const [name, def] of Object.entries(spec)) {
    const value = (effective.values as Record<string, unknown>)[name]
    const source = (effective.sources as Record<string, SettingSource | null>)[name]
    out[name] = def.secret
      ? { value: null, source, secret: true, is_set: present(value) }
      : { value: value ?? null, source, is_set: present(value) }
  }
  return out
}

/**
 * Applies an admin patch to the stored overrides: each given field is validated, secrets are
 * sealed, and `null` removes the override (the field falls back to options, env or default).
 * Unknown fields are refused by name.
 */
export function mergeOverrides<S extends SettingsSpec>(
  spec: S,
  stored: StoredOverrides,
  patch: Record<string, unknown>,
  box: SecretBox | null,
  context: string
): StoredOverrides {
  const next: StoredOverrides = { ...stored }
  for (const [name, raw] of Object.entries(patch)) {
    const def = spec[name]
    if (!def) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `${name} is not a setting (known: ${Object.keys(spec).join(", ")})`)
    }
    if (raw === null || raw === undefined) {
      delete next[name]
      continue
    }
    const value = def.parse(raw, name)
    if (def.secret) {
      if (!box) throw SecretBox.missingKeyError(name)
      next[name] = box.seal(String(value), `${context}.${name}`)
    } else {
      next[name] = value
    }
  }
  return next
}

/** Opens stored overrides for `resolveSettings`; secrets are decrypted in memory only. */
export function openOverrides<S extends SettingsSpec>(
  spec: S,
  stored: StoredOverrides | null | undefined,
  box: SecretBox | null,
  context: string
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(stored ?? {})) {
    const def = spec[name]
    if (!def || !present(value)) continue
    if (def.secret) {
      if (!box) throw SecretBox.missingKeyError(name)
      out[name] = box.open(String(value), `${context}.${name}`)
    } else {
      out[name] = value
    }
  }
  return out
}
