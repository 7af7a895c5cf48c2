import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_WALLET_MODULE } from "../../../modules/loyalty-wallet"
import {
  buildLoyaltyClass,
  buildLoyaltyObject,
  classIdFor,
  objectIdFor,
  payloadHash,
} from "../../../modules/loyalty-wallet/lib/pass-payloads"
import { notificationAllowance } from "../../../modules/loyalty-wallet/lib/sync-policy"
import { WalletApiError } from "../../../modules/loyalty-wallet/lib/wallet-api"
import type LoyaltyWalletModuleService from "../../../modules/loyalty-wallet/service"
import { loadPassSource } from "../pass-source"

export const pushWalletPassStepId = "push-wallet-pass"

/** What the push did, for `recordWalletPassSyncStep` (no secrets: workflow data may be stored). */
export type PushWalletPassResult = {
  account_id: string
  status: "synced" | "failed" | "skipped"
  reason?: string
  pass_id?: string
  class_id?: string
  object_id?: string
  balance?: number
  payload_hash?: string
  /** Set when the class was written: the program and the hash of the class body. */
  class_written?: { program_id: string; class_id: string; payload_hash: string }
  notified?: boolean
  inserted?: boolean
  notification_times?: string[]
  error?: string
  at: string
}

/**
 * Writes an account's pass to Google Wallet with the CURRENT balance: creates or updates the
 * program's class when it changed, then patches the loyalty object (inserts it when Google
 * has none). Asks Google to notify the holder (`notifyPreference: "NOTIFY_ON_UPDATE"`) when the
 * balance changed and fewer than 3 notified updates were sent in the last 24 hours.
 * A Wallet failure is returned as `status: "failed"`, never thrown: points are not affected.
 * Nothing to compensate here: the Google side is brought to the latest balance by the next sync.
 *
 * @example
 * const result = pushWalletPassStep({ account_id })
 */
export const pushWalletPassStep = createStep(
  pushWalletPassStepId,
  async (input: { account_id: string }, { container }) => {
    const at = new Date()
    const result = (r: Omit<PushWalletPassResult, "account_id" | "at">) =>
      new StepResponse<PushWalletPassResult>({ account_id: input.account_id, at: at.toISOString(), ...r })
    const wallet: LoyaltyWalletModuleService = container.resolve(LOYALTY_WALLET_MODULE)
    const [pass] = await wallet.listLoyaltyWalletPasses({ account_id: input.account_id }, { take: 1 })
    if (!pass) return result({ status: "skipped", reason: "no pass was issued for this account" })
    let config: Awaited<ReturnType<typeof wallet.getWalletConfig>>
    try {
      config = await wallet.getWalletConfig()
    } catch (e) {
      // Unreadable settings (e.g. a saved key sealed with another encryption key): the pass is
      // out of date like after any Wallet failure, and the retry job tries again once fixed.
      return result({ pass_id: pass.id, status: "failed", error: `Google Wallet settings cannot be read: ${(e as Error).message}` })
    }
    if (!config.configured || !config.serviceAccount.ok) {
      return result({ status: "skipped", reason: `Google Wallet is not configured (missing ${config.missing.join(", ")})` })
    }
    const source = await loadPassSource(container, input.account_id)
    if (!source) return result({ status: "skipped", reason: "the account does not exist" })

    const { values } = config
    const classId = classIdFor(values.issuer_id!, source.program.id)
    const objectId = objectIdFor(values.issuer_id!, source.account.id)
    const classBody = buildLoyaltyClass(classId, source.program, {
      issuer_name: values.issuer_name,
      logo_url: values.default_logo_url!,
      background_color: values.background_color ?? "#1f3a5f",
    })
    const objectBody = buildLoyaltyObject(objectId, classId, source.account, source.program)
    const classHash = payloadHash(classBody)
    const objectHash = payloadHash(objectBody)
    const [classRow] = await wallet.listLoyaltyWalletClasses({ program_id: source.program.id }, { take: 1 })
    const classUpToDate = classRow?.class_id === classId && classRow.payload_hash === classHash
    const base = { pass_id: pass.id, class_id: classId, object_id: objectId, balance: source.account.balance }

    if (!pass.out_of_date && classUpToDate && pass.object_id === objectId && pass.payload_hash === objectHash) {
      return result({ ...base, status: "skipped", reason: "the pass already shows this balance" })
    }

    const api = wallet.walletApi(config.serviceAccount.key, values)
    let classWritten: PushWalletPassResult["class_written"]
    try {
      if (!classUpToDate) {
        const existing = await api.get("loyaltyClass", classId)
        if (existing) await api.patch("loyaltyClass", classId, classBody)
        else await api.insert("loyaltyClass", classBody)
        classWritten = { program_id: source.program.id, class_id: classId, payload_hash: classHash }
      }
      const balanceChanged = pass.synced_balance !== null && pass.synced_balance !== source.account.balance
      const allowance = notificationAllowance((pass.notifications as any)?.sent_at, at)
      const notify = balanceChanged && allowance.notify
      let inserted = false
      try {
        await api.patch("loyaltyObject", objectId, notify ? { ...objectBody, notifyPreference: "NOTIFY_ON_UPDATE" } : objectBody)
      } catch (e) {
        // Google has no object yet (the shopper has not saved the pass): create it, silently.
        if (!(e instanceof WalletApiError && e.status === 404)) throw e
        await api.insert("loyaltyObject", objectBody)
        inserted = true
      }
      const notified = notify && !inserted
      return result({
        ...base,
        status: "synced",
        payload_hash: objectHash,
        class_written: classWritten,
        notified,
        inserted,
        notification_times: notified ? [...allowance.recent, at.toISOString()] : allowance.recent,
      })
    } catch (e) {
      return result({ ...base, status: "failed", class_written: classWritten, error: (e as Error).message })
    }
  }
)
