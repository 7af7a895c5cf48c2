import { MedusaError } from "@medusajs/framework/utils"
import { ENCRYPTION_KEY_ENV, SecretBox } from "./secret-box"
import type { SettingSource, SettingsSpec, SettingsValues } from "./fields"

/** Values saved in the admin, as stored: secrets sealed, absent keys not overridden. */
export type StoredOverrides = Record<string, unknown>

/** A value saved in the admin that cannot be used; the next layer's value is used instead. */
export type SettingProblem = { problem: string; fallback_source: SettingSource | null }

export type EffectiveSettings<S extends SettingsSpec> = {
  values: SettingsValues<S>
  sources: { [K in keyof S]: SettingSource | null }
  /** Fields saved in the admin that could not be read (source stays "database"). */
  problems?: { [K in keyof S]?: SettingProblem }
}

type Layers = {
  /** Admin overrides, already opened (see `openStoredOverrides`). */
  database?: Record<string, unknown>
  /** Saved fields that could not be opened, with why (see `openStoredOverrides`). */
  unreadable?: Record<string, string>
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
  const problems: Record<string, SettingProblem> = {}
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
    const unreadable = layers.unreadable?.[name]
    if (unreadable && source !== "database") {
      // Saved in the admin, so that is where it must be fixed; meanwhile the next layer serves.
      problems[name] = { problem: unreadable, fallback_source: source }
      sources[name] = "database"
    }
  }
  const effective: EffectiveSettings<S> = { values: values as SettingsValues<S>, sources: sources as EffectiveSettings<S>["sources"] }
  if (Object.keys(problems).length) effective.problems = problems as EffectiveSettings<S>["problems"]
  return effective
}

/**
 * The view an endpoint may return: each field with its value and source. Secrets show only
 * whether they are set and where from, never the value.
 */
export function describeSettings<S extends SettingsSpec>(spec: S, effective: EffectiveSettings<S>) {
  type Described = { value: unknown; source: SettingSource | null; secret?: true; is_set: boolean } & Partial<SettingProblem>
  const out: Record<string, Described> = {}
  for (const [name, def] of Object.entries(spec)) {
    const value = (effective.values as Record<string, unknown>)[name]
    const source = (effective.sources as Record<string, SettingSource | null>)[name]
    out[name] = def.secret
      ? { value: null, source, secret: true, is_set: present(value) }
      : { value: value ?? null, source, is_set: present(value) }
    const problem = (effective.problems as Record<string, SettingProblem> | undefined)?.[name]
    if (problem) Object.assign(out[name], problem)
  }
  return out
}

/**
 * A secret already sealed by `sealPatch`: what travels through a workflow's input instead of the
 * clear value, so a workflow engine that keeps executions (the Redis one can, and every engine
 * checkpoints a running one to the database) never holds the secret.
 */
export type SealedSecret = { sealed: string }

export const isSealedSecret = (v: unknown): v is SealedSecret =>
  typeof v === "object" && v !== null && typeof (v as SealedSecret).sealed === "string" && Object.keys(v).length === 1

/**
 * Validates the secret fields of an admin patch and seals them (the other fields are left as
 * they are, `null` still clears). Call it in the route, before the workflow runs.
 */
export function sealPatch<S extends SettingsSpec>(spec: S, patch: Record<string, unknown>, box: SecretBox | null, context: string): Record<string, unknown> {
  const out: Record<string, unknown> = { ...patch }
  for (const [name, raw] of Object.entries(patch)) {
    const def = spec[name]
    if (!def?.secret || raw === null || raw === undefined || isSealedSecret(raw)) continue
    if (!box) throw SecretBox.missingKeyError(name)
    out[name] = { sealed: box.seal(String(def.parse(raw, name)), `${context}.${name}`) } satisfies SealedSecret
  }
  return out
}

/**
 * Applies an admin patch to the stored overrides: each given field is validated, secrets are
 * sealed (or, sealed already by `sealPatch`, kept as they are), and `null` removes the override (the field falls back to options, env or default).
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
    if (def.secret && isSealedSecret(raw)) {
      if (!box) throw SecretBox.missingKeyError(name)
      // Sealed by sealPatch with this key and field: checked by opening it, kept as sealed.
      box.open(raw.sealed, `${context}.${name}`)
      next[name] = raw.sealed
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

/**
 * Opens stored overrides for `resolveSettings` field by field; secrets are decrypted in memory
 * only. A secret that cannot be opened (the encryption key changed or is gone) does not fail
 * the others: it is left out of `database` and named in `unreadable`, so the field falls back
 * to options, env or default and the settings view shows the problem.
 *
 * @example
 * resolveSettings(spec, { ...openStoredOverrides(spec, row.overrides, box, "loyalty_messaging"), options, env: process.env })
 */
export function openStoredOverrides<S extends SettingsSpec>(
  spec: S,
  stored: StoredOverrides | null | undefined,
  box: SecretBox | null,
  context: string
): { database: Record<string, unknown>; unreadable: Record<string, string> } {
  const database: Record<string, unknown> = {}
  const unreadable: Record<string, string> = {}
  for (const [name, value] of Object.entries(stored ?? {})) {
    const def = spec[name]
    if (!def || !present(value)) continue
    if (!def.secret) {
      database[name] = value
    } else if (!box) {
      unreadable[name] =
        `${name} is saved encrypted, but no encryption key is configured (${ENCRYPTION_KEY_ENV} or option encryptionKey): ` +
        `set the key it was saved with, or save it again`
    } else {
      try {
        database[name] = box.open(String(value), `${context}.${name}`)
      } catch {
        unreadable[name] = `${name} cannot be decrypted with the current ${ENCRYPTION_KEY_ENV} (or option encryptionKey); save it again`
      }
    }
  }
  return { database, unreadable }
}
