import { createHash } from "node:crypto"
import type { Context } from "@medusajs/framework/types"
import { InjectManager, InjectTransactionManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import {
  describeSettings,
  mergeOverrides,
  openStoredOverrides,
  resolveSettings,
  sealPatch,
  SecretBox,
  type SettingProblem,
  type StoredOverrides,
} from "../../lib/layered-settings"
import type { RewardFlowOptions } from "../loyalty/options"
import { loadServiceAccount, type ServiceAccountKey, type ServiceAccountResult } from "./lib/service-account"
import { nextAttemptAt } from "./lib/sync-policy"
import { GoogleWalletApi } from "./lib/wallet-api"
import { WalletClass, WalletPass, WalletSettings } from "./models"
import { WALLET_SETTINGS, WALLET_SETTINGS_AND_ENDPOINTS, walletOptionsLayer } from "./settings"
import type { WalletSources, WalletValues } from "./types"

/** Sealed secrets are bound to this context (a value moved to another field does not open). */
const SECRET_CONTEXT = "loyalty_wallet"
const SETTINGS_SCOPE = "google_wallet"

/** The sync state of a pass (what a compensation puts back). */
export const WALLET_PASS_STATE = [
  "id",
  "class_id",
  "object_id",
  "synced_balance",
  "payload_hash",
  "out_of_date",
  "attempts",
  "next_attempt_at",
  "last_error",
  "notifications",
  "last_synced_at",
] as const
export type WalletPassState = Record<(typeof WALLET_PASS_STATE)[number], unknown> & { id: string }

/** Effective Wallet configuration, resolved on every call (env and saved settings may change). */
export type WalletConfig = {
  values: WalletValues
  sources: WalletSources
  /** Saved settings that could not be opened, by name: the next layer serves meanwhile. */
  problems: Record<string, SettingProblem>
  serviceAccount: ServiceAccountResult
  /** Settings still needed before passes can be issued; empty when configured. */
  missing: string[]
  configured: boolean
}

/**
 * The Google Wallet module: settings (layered database > options > env > default, secrets
 * sealed), the loyalty class of each program and the pass (loyalty object) of each account
 * with its sync state.
 */
export default class LoyaltyWalletModuleService extends MedusaService({
  // Keyed like their tables, so query.graph's entities (loyalty_wallet_pass, ...) resolve.
  LoyaltyWalletSettings: WalletSettings,
  LoyaltyWalletClass: WalletClass,
  LoyaltyWalletPass: WalletPass,
}) {
  protected readonly optionsLayer_: Record<string, unknown>
  protected readonly encryptionKey_: string | undefined
  protected readonly apis_ = new Map<string, GoogleWalletApi>()

  constructor(container: Record<string, unknown>, options: RewardFlowOptions = {}) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    // Fails the boot with a message naming the bad option.
    this.optionsLayer_ = walletOptionsLayer(options)
    this.encryptionKey_ = options.encryptionKey
  }

  protected secretBox_() {
    return SecretBox.fromConfig(this.encryptionKey_)
  }

  @InjectManager()
  async getStoredOverrides(@MedusaContext() sharedContext: Context = {}): Promise<StoredOverrides> {
    const [row] = await this.listLoyaltyWalletSettings({ scope: SETTINGS_SCOPE }, { take: 1 }, sharedContext)
    return (row?.overrides as StoredOverrides | undefined) ?? {}
  }

  /** The effective configuration, secrets decrypted in memory only. */
  @InjectManager()
  async getWalletConfig(@MedusaContext() sharedContext: Context = {}): Promise<WalletConfig> {
    const stored = await this.getStoredOverrides(sharedContext)
    const effective = resolveSettings(
      WALLET_SETTINGS_AND_ENDPOINTS,
      {
        // A saved key the current encryption key cannot open falls back to options or env,
        // and the settings view names the problem.
        ...openStoredOverrides(WALLET_SETTINGS, stored, this.secretBox_(), SECRET_CONTEXT),
        options: this.optionsLayer_,
        env: process.env,
      },
      "option googleWallet"
    )
    const values = effective.values as WalletValues
    const serviceAccount = loadServiceAccount(values)
    const missing: string[] = []
    if (!values.issuer_id) missing.push("issuer_id")
    if (!serviceAccount.ok) missing.push(serviceAccount.from ?? "service_account_json")
    if (!values.default_logo_url) missing.push("default_logo_url")
    return {
      values,
      sources: effective.sources as WalletSources,
      problems: effective.problems ?? {},
      serviceAccount,
      missing,
      configured: missing.length === 0,
    }
  }

  /**
   * What the admin sees: each setting with its value and source (the private key only as
   * `is_set`), the service account's email, and what is missing.
   */
  @InjectManager()
  async describeWalletSettings(@MedusaContext() sharedContext: Context = {}) {
    const config = await this.getWalletConfig(sharedContext)
    const settings = describeSettings(WALLET_SETTINGS_AND_ENDPOINTS, {
      values: config.values as any,
      sources: config.sources as any,
      problems: config.problems as any,
    })
    return {
      settings,
      environment: config.values.environment ?? "demo",
      configured: config.configured,
      missing: config.missing,
      service_account: config.serviceAccount.ok
        ? { client_email: config.serviceAccount.key.client_email, from: config.serviceAccount.from }
        : { client_email: null, from: config.serviceAccount.from, problem: config.serviceAccount.problem },
      admin_editable: Object.keys(WALLET_SETTINGS),
    }
  }

  /**
   * An admin patch with its secrets validated and sealed (`{ sealed }`): what the settings
   * workflow takes, so no workflow input or stored execution ever holds the private key.
   */
  sealWalletSettingsPatch(patch: Record<string, unknown>): Record<string, unknown> {
    return sealPatch(WALLET_SETTINGS, patch, this.secretBox_(), SECRET_CONTEXT)
  }

  /** Applies an admin patch (validated, secrets sealed, null clears); returns the previous overrides. */
  @InjectManager()
  async saveWalletOverrides(patch: Record<string, unknown>, @MedusaContext() sharedContext: Context = {}) {
    return await this.saveWalletOverrides_(patch, sharedContext)
  }

  @InjectTransactionManager()
  protected async saveWalletOverrides_(patch: Record<string, unknown>, @MedusaContext() sharedContext: Context = {}) {
    const previous = await this.getStoredOverrides(sharedContext)
    const merged = mergeOverrides(WALLET_SETTINGS, previous, patch, this.secretBox_(), SECRET_CONTEXT)
    // Drops values of settings the admin may no longer set (a key_file saved by an older version).
    const next = Object.fromEntries(Object.entries(merged).filter(([name]) => name in WALLET_SETTINGS))
    await this.writeOverrides_(next, sharedContext)
    return { previous, next }
  }

  /** Puts back overrides exactly as stored before (workflow compensation). */
  @InjectManager()
  async restoreWalletOverrides(stored: StoredOverrides, @MedusaContext() sharedContext: Context = {}) {
    await this.restoreWalletOverrides_(stored, sharedContext)
  }

  @InjectTransactionManager()
  protected async restoreWalletOverrides_(stored: StoredOverrides, @MedusaContext() sharedContext: Context = {}) {
    await this.writeOverrides_(stored, sharedContext)
  }

  protected async writeOverrides_(overrides: StoredOverrides, sharedContext: Context) {
    const [row] = await this.listLoyaltyWalletSettings({ scope: SETTINGS_SCOPE }, { take: 1 }, sharedContext)
    if (row) {
      // Updates merge json objects key by key, which cannot remove a cleared setting: reset first.
      await this.updateLoyaltyWalletSettings({ id: row.id, overrides: null }, sharedContext)
      await this.updateLoyaltyWalletSettings({ id: row.id, overrides }, sharedContext)
    } else {
      await this.createLoyaltyWalletSettings({ scope: SETTINGS_SCOPE, overrides }, sharedContext)
    }
  }

  /**
   * A Wallet API client for this key and these endpoints; kept per key so OAuth tokens are
   * reused until they expire.
   */
  walletApi(key: ServiceAccountKey, endpoints: Pick<WalletValues, "api_base_url" | "token_url">) {
    const fingerprint = createHash("sha256")
      .update([key.client_email, key.private_key, endpoints.api_base_url, endpoints.token_url].join("\n"))
      .digest("hex")
    let api = this.apis_.get(fingerprint)
    if (!api) {
      api = GoogleWalletApi.create(key, endpoints)
      this.apis_.set(fingerprint, api)
    }
    return api
  }

  /**
   * Marks an account's pass out of date after a sync that did not complete: the reason is kept
   * and the retry job tries again after the backoff (1 min, 2, 4, ... up to 6 h). Returns the
   * pass's sync state as it was, or null when the account has no pass.
   */
  @InjectManager()
  async markPassOutOfDate(accountId: string, error: string, at: Date = new Date(), @MedusaContext() sharedContext: Context = {}) {
    return await this.markPassOutOfDate_(accountId, error, at, sharedContext)
  }

  @InjectTransactionManager()
  protected async markPassOutOfDate_(accountId: string, error: string, at: Date, @MedusaContext() sharedContext: Context = {}) {
    const [pass] = await this.listLoyaltyWalletPasses({ account_id: accountId }, { select: [...WALLET_PASS_STATE], take: 1 }, sharedContext)
    if (!pass) return null
    const attempts = (pass.attempts ?? 0) + 1
    await this.updateLoyaltyWalletPasses(
      { id: pass.id, out_of_date: true, attempts, next_attempt_at: nextAttemptAt(attempts, at), last_error: error },
      sharedContext
    )
    return pass as unknown as WalletPassState
  }

  /** Passes whose last sync failed and whose backoff has elapsed, oldest first. */
  @InjectManager()
  async listPassesDueForRetry(now: Date, limit = 200, @MedusaContext() sharedContext: Context = {}) {
    return await this.listLoyaltyWalletPasses(
      { out_of_date: true, next_attempt_at: { $lte: now } },
      { take: limit, order: { next_attempt_at: "ASC" } },
      sharedContext
    )
  }
}
