import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_WALLET_MODULE } from "../../../modules/loyalty-wallet"
import { buildLoyaltyObject, clearedObjectFields, objectIdFor, payloadHash } from "../../../modules/loyalty-wallet/lib/pass-payloads"
import { notificationAllowance, triggerMayNotify, type WalletSyncTrigger } from "../../../modules/loyalty-wallet/lib/sync-policy"
import { isWalletUnreachable } from "../../../modules/loyalty-wallet/lib/wallet-api"
import type LoyaltyWalletModuleService from "../../../modules/loyalty-wallet/service"
import { planClassPush, pushClass, type ClassWritten } from "../class-push"
import { loadPassSource } from "../pass-source"

export const pushWalletPassStepId = "push-wallet-pass"

/** Why a push wrote nothing: no pass issued, Wallet off, the account is gone, or Google already shows it. */
export type WalletPushSkip = "no_pass" | "not_configured" | "account_gone" | "up_to_date"

/** What the push did, for the record steps (no secrets: workflow data may be stored). */
export type PushWalletPassResult = {
  account_id: string
  status: "synced" | "failed" | "skipped"
  skip?: WalletPushSkip
  reason?: string
  pass_id?: string
  class_id?: string
  object_id?: string
  balance?: number
  payload_hash?: string
  /** Set when the class was written: the program and the hash of the class body. */
  class_written?: ClassWritten
  notified?: boolean
  inserted?: boolean
  notification_times?: string[]
  error?: string
  /** The failure says Google cannot be reached right now (no answer, timeout, 5xx, 429). */
  unreachable?: boolean
  at: string
}

export type PushWalletPassInput = { account_id: string; trigger?: WalletSyncTrigger }

/**
 * Writes an account's pass to Google Wallet with the CURRENT balance: creates or updates the
 * program's class when it changed, then the loyalty object (patched when the plugin wrote it
 * before, else inserted; Google's 404 / 409 switch between the two). Asks Google to notify the
 * holder (`notifyPreference: "NOTIFY_ON_UPDATE"`) when the balance changed, the trigger is not
 * cart activity (reserve / release) and fewer than 3 notified updates were sent in 24 hours.
 * Any failure is returned as `status: "failed"`, never thrown: points are not affected and the
 * record step marks the pass out of date. Nothing to compensate: the next sync brings Google's
 * copy to the latest balance.
 *
 * @example
 * const result = pushWalletPassStep({ account_id, trigger: "loyalty.points_earned" })
 */
export const pushWalletPassStep = createStep(pushWalletPassStepId, async (input: PushWalletPassInput, { container }) => {
  const at = new Date()
  const result = (r: Omit<PushWalletPassResult, "account_id" | "at">) =>
    new StepResponse<PushWalletPassResult>({ account_id: input.account_id, at: at.toISOString(), ...r })
  const wallet: LoyaltyWalletModuleService = container.resolve(LOYALTY_WALLET_MODULE)
  let passId: string | undefined
  let classWritten: ClassWritten | undefined
  try {
    const [pass] = await wallet.listLoyaltyWalletPasses({ account_id: input.account_id }, { take: 1 })
    if (!pass) return result({ status: "skipped", skip: "no_pass", reason: "no pass was issued for this account" })
    passId = pass.id
    let config: Awaited<ReturnType<typeof wallet.getWalletConfig>>
    try {
      config = await wallet.getWalletConfig()
    } catch (e) {
      // Settings that no longer parse: the pass is out of date like after any Wallet failure,
      // and the retry job tries again once fixed.
      return result({ pass_id: pass.id, status: "failed", error: `Google Wallet settings cannot be read: ${(e as Error).message}` })
    }
    if (!config.configured || !config.serviceAccount.ok) {
      const unreadable = Object.values(config.problems).map((p) => `; ${p.problem}`).join("")
      const reason = `Google Wallet is not configured (missing ${config.missing.join(", ")})${unreadable}`
      return result({ pass_id: pass.id, status: "skipped", skip: "not_configured", reason })
    }
    const source = await loadPassSource(container, input.account_id)
    if (!source) return result({ pass_id: pass.id, status: "skipped", skip: "account_gone", reason: "the account does not exist" })

    const klass = await planClassPush(wallet, config, source.program)
    const objectId = objectIdFor(config.values.issuer_id!, source.account.id)
    const objectBody = buildLoyaltyObject(objectId, klass.classId, source.account, source.program, config.values)
    const objectHash = payloadHash(objectBody)
    const base = { pass_id: pass.id, class_id: klass.classId, object_id: objectId, balance: source.account.balance }

    if (!pass.out_of_date && klass.upToDate && pass.object_id === objectId && pass.payload_hash === objectHash) {
      return result({ ...base, status: "skipped", skip: "up_to_date", reason: "the pass already shows this balance" })
    }

    const api = wallet.walletApi(config.serviceAccount.key, config.values)
    if (!klass.upToDate) classWritten = await pushClass(api, klass)
    const balanceChanged = pass.synced_balance !== null && pass.synced_balance !== source.account.balance
    const allowance = notificationAllowance((pass.notifications as any)?.sent_at, at)
    const notify = balanceChanged && triggerMayNotify(input.trigger) && allowance.notify
    // Written before under this id: patch it. Never written (new pass, or saved by the shopper from
    // a link that carried the whole pass): insert, which Google refuses with 409 if it exists.
    const { inserted } = await api.upsert("loyaltyObject", objectBody, {
      expectExisting: pass.payload_hash !== null && pass.object_id === objectId,
      patchExtra: { ...clearedObjectFields(objectBody), ...(notify ? { notifyPreference: "NOTIFY_ON_UPDATE" } : {}) },
    })
    // An insert notifies nobody: the holder has not saved this pass yet.
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
    return result({
      pass_id: passId,
      status: "failed",
      class_written: classWritten,
      error: (e as Error).message,
      unreachable: isWalletUnreachable(e),
    })
  }
})
