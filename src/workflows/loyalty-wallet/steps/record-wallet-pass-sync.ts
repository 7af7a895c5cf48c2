import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_WALLET_MODULE } from "../../../modules/loyalty-wallet"
import { nextAttemptAt } from "../../../modules/loyalty-wallet/lib/sync-policy"
import type LoyaltyWalletModuleService from "../../../modules/loyalty-wallet/service"
import type { PushWalletPassResult } from "./push-wallet-pass"

export const recordWalletPassSyncStepId = "record-wallet-pass-sync"

const PASS_STATE = [
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

type Restore = { pass?: Record<string, unknown>; klass?: Record<string, unknown> | { delete: string } }

/**
 * Records a push: a synced pass is up to date with the balance it shows; a failed one is marked
 * out of date with its error and the time of the next attempt (exponential backoff).
 * Compensation restores the pass and class rows as they were.
 *
 * @example
 * recordWalletPassSyncStep(pushWalletPassStep({ account_id }))
 */
export const recordWalletPassSyncStep = createStep(
  recordWalletPassSyncStepId,
  async (push: PushWalletPassResult, { container }) => {
    if (push.status === "skipped" || !push.pass_id) return new StepResponse(undefined, {} as Restore)
    const wallet: LoyaltyWalletModuleService = container.resolve(LOYALTY_WALLET_MODULE)
    const restore: Restore = {}
    const at = new Date(push.at)

    if (push.class_written) {
      const [row] = await wallet.listLoyaltyWalletClasses({ program_id: push.class_written.program_id }, { take: 1 })
      const state = { class_id: push.class_written.class_id, payload_hash: push.class_written.payload_hash, synced_at: at }
      if (row) {
        restore.klass = { id: row.id, class_id: row.class_id, payload_hash: row.payload_hash, synced_at: row.synced_at }
        await wallet.updateLoyaltyWalletClasses({ id: row.id, ...state })
      } else {
        const created = await wallet.createLoyaltyWalletClasses({ program_id: push.class_written.program_id, ...state })
        restore.klass = { delete: created.id }
      }
    }

    const previous = await wallet.retrieveLoyaltyWalletPass(push.pass_id)
    restore.pass = Object.fromEntries(PASS_STATE.map((k) => [k, (previous as Record<string, unknown>)[k]]))
    if (push.status === "synced") {
      await wallet.updateLoyaltyWalletPasses({
        id: push.pass_id,
        class_id: push.class_id,
        object_id: push.object_id,
        synced_balance: push.balance,
        payload_hash: push.payload_hash,
        out_of_date: false,
        attempts: 0,
        next_attempt_at: null,
        last_error: null,
        notifications: { sent_at: push.notification_times ?? [] },
        last_synced_at: at,
      })
    } else {
      const attempts = previous.attempts + 1
      await wallet.updateLoyaltyWalletPasses({
        id: push.pass_id,
        out_of_date: true,
        attempts,
        next_attempt_at: nextAttemptAt(attempts, at),
        last_error: push.error ?? "unknown error",
      })
    }
    return new StepResponse(undefined, restore)
  },
  async (restore, { container }) => {
    if (!restore) return
    const wallet: LoyaltyWalletModuleService = container.resolve(LOYALTY_WALLET_MODULE)
    if (restore.pass) await wallet.updateLoyaltyWalletPasses(restore.pass as any)
    if (restore.klass && "delete" in restore.klass) await wallet.deleteLoyaltyWalletClasses(restore.klass.delete as string)
    else if (restore.klass) await wallet.updateLoyaltyWalletClasses(restore.klass as any)
  }
)
