import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_WALLET_MODULE } from "../../../modules/loyalty-wallet"
import type LoyaltyWalletModuleService from "../../../modules/loyalty-wallet/service"
import type { ClassWritten } from "../class-push"

export const recordWalletClassStepId = "record-wallet-class"

type Restore = { id: string; class_id: string; payload_hash: string | null; synced_at: Date | null } | { delete: string } | null

/**
 * Remembers the class body last written to Google (its hash), so the class is written again
 * only when the program or the Wallet settings change. Does nothing when no class was written.
 * Compensation puts the class row back as it was (or removes the one it created).
 *
 * @example
 * recordWalletClassStep(pushWalletPassStep({ account_id }))
 */
export const recordWalletClassStep = createStep(
  recordWalletClassStepId,
  async (input: { class_written?: ClassWritten; at: string }, { container }) => {
    const written = input.class_written
    if (!written) return new StepResponse(undefined, null as Restore)
    const wallet: LoyaltyWalletModuleService = container.resolve(LOYALTY_WALLET_MODULE)
    const state = { class_id: written.class_id, payload_hash: written.payload_hash, synced_at: new Date(input.at) }
    const [row] = await wallet.listLoyaltyWalletClasses({ program_id: written.program_id }, { take: 1 })
    if (row) {
      await wallet.updateLoyaltyWalletClasses({ id: row.id, ...state })
      return new StepResponse(undefined, { id: row.id, class_id: row.class_id, payload_hash: row.payload_hash, synced_at: row.synced_at } as Restore)
    }
    try {
      const created = await wallet.createLoyaltyWalletClasses({ program_id: written.program_id, ...state })
      return new StepResponse(undefined, { delete: created.id } as Restore)
    } catch (e) {
      // Two syncs wrote the class at once and the other recorded it first (program_id is unique).
      const [raced] = await wallet.listLoyaltyWalletClasses({ program_id: written.program_id }, { take: 1 })
      if (!raced) throw e
      await wallet.updateLoyaltyWalletClasses({ id: raced.id, ...state })
      return new StepResponse(undefined, { id: raced.id, class_id: raced.class_id, payload_hash: raced.payload_hash, synced_at: raced.synced_at } as Restore)
    }
  },
  async (restore, { container }) => {
    if (!restore) return
    const wallet: LoyaltyWalletModuleService = container.resolve(LOYALTY_WALLET_MODULE)
    if ("delete" in restore) await wallet.deleteLoyaltyWalletClasses(restore.delete)
    else await wallet.updateLoyaltyWalletClasses(restore)
  }
)
