import { MedusaError } from "@medusajs/framework/utils"
import { field, type SettingField } from "../../lib/layered-settings"
import type { RewardFlowOptions } from "../loyalty/options"

const ENV = "REWARDFLOW_GOOGLE_WALLET_"

const invalid = (from: string, problem: string) => new MedusaError(MedusaError.Types.INVALID_DATA, `${from} ${problem}`)

const httpUrl = (extra: Partial<SettingField<string>>): SettingField<string> => ({
  parse: (raw, from) => {
    const text = typeof raw === "string" ? raw.trim() : ""
    let url: URL | null = null
    try {
      url = new URL(text)
    } catch {
      url = null
    }
    if (!url || !["http:", "https:"].includes(url.protocol)) throw invalid(from, `must be an http(s) URL, got ${JSON.stringify(raw)}`)
    return text.replace(/\/+$/, "")
  },
  ...extra,
})

/**
 * Wallet settings a merchant may save in the admin (layered over plugin options, env, defaults).
 * Origins are checked for syntax here; whether each is https is reported by the validator.
 */
export const WALLET_SETTINGS = {
  issuer_id: field.string({ env: `${ENV}ISSUER_ID` }),
  service_account_json: field.string({ env: `${ENV}SERVICE_ACCOUNT_JSON`, secret: true }),
  origins: field.list({ env: `${ENV}ORIGINS`, default: [] }),
  default_logo_url: httpUrl({ env: `${ENV}DEFAULT_LOGO_URL` }),
  // Base of the URLs Google fetches from this server (the tier bands); http is accepted here
  // for local setups, and the validator reports it (Google only fetches https).
  public_url: httpUrl({ env: `${ENV}PUBLIC_URL` }),
  issuer_name: field.string({ env: `${ENV}ISSUER_NAME` }),
  background_color: {
    env: `${ENV}BACKGROUND_COLOR`,
    default: "#1f3a5f",
    parse: (raw: unknown, from: string) => {
      if (typeof raw !== "string" || !/^#[0-9a-fA-F]{6}$/.test(raw.trim())) throw invalid(from, `must be a colour like "#1f3a5f", got ${JSON.stringify(raw)}`)
      return raw.trim().toLowerCase()
    },
  } as SettingField<string>,
  environment: field.oneOf(["demo", "production"] as const, { env: `${ENV}ENVIRONMENT`, default: "demo" }),
}

/**
 * Settings only plugin options and env set; the admin cannot. The key file is a path on the
 * server (an admin could point it at any file). The endpoints say where the plugin talks to
 * Google (tests point them at a loopback server), so a saved setting can never send the token
 * elsewhere.
 */
export const WALLET_ENDPOINTS = {
  key_file: field.string({ env: `${ENV}KEY_FILE` }),
  api_base_url: httpUrl({ env: `${ENV}API_BASE_URL`, default: "https://walletobjects.googleapis.com/walletobjects/v1" }),
  token_url: httpUrl({ env: `${ENV}TOKEN_URL`, default: "https://oauth2.googleapis.com/token" }),
  save_url_base: httpUrl({ env: `${ENV}SAVE_URL_BASE`, default: "https://pay.google.com/gp/v/save" }),
}

export const WALLET_SETTINGS_AND_ENDPOINTS = { ...WALLET_SETTINGS, ...WALLET_ENDPOINTS }

type GoogleWalletOptions = NonNullable<RewardFlowOptions["googleWallet"]>

/** Option name (camelCase, as in medusa-config) for each setting. */
const OPTION_NAMES: Record<keyof typeof WALLET_SETTINGS_AND_ENDPOINTS, keyof GoogleWalletOptions> = {
  issuer_id: "issuerId",
  service_account_json: "serviceAccountJson",
  key_file: "keyFile",
  origins: "origins",
  default_logo_url: "defaultLogoUrl",
  public_url: "publicUrl",
  issuer_name: "issuerName",
  background_color: "backgroundColor",
  environment: "environment",
  api_base_url: "apiBaseUrl",
  token_url: "tokenUrl",
  save_url_base: "saveUrlBase",
}

/**
 * Validates `options.googleWallet` at boot (a bad value names the option) and returns it keyed
 * like the settings, ready to be the options layer of `resolveSettings`.
 */
export function walletOptionsLayer(options: RewardFlowOptions | undefined): Record<string, unknown> {
  const given = options?.googleWallet
  if (given === undefined || given === null) return {}
  if (typeof given !== "object" || Array.isArray(given)) {
    throw invalid("medusa-plugin-rewardflow: option googleWallet", "must be an object")
  }
  const known = Object.values(OPTION_NAMES) as string[]
  for (const key of Object.keys(given)) {
    if (!known.includes(key)) {
      throw invalid(`medusa-plugin-rewardflow: option googleWallet.${key}`, `is unknown (known: ${known.join(", ")})`)
    }
  }
  const layer: Record<string, unknown> = {}
  for (const [name, optionName] of Object.entries(OPTION_NAMES)) {
    const raw = (given as Record<string, unknown>)[optionName]
    if (raw === undefined || raw === null) continue
    const def = (WALLET_SETTINGS_AND_ENDPOINTS as Record<string, SettingField<unknown>>)[name]
    layer[name] = def.parse(raw, `medusa-plugin-rewardflow: option googleWallet.${optionName}`)
  }
  return layer
}
