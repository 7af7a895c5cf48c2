import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_WALLET_MODULE } from "../../../modules/loyalty-wallet"
import { classIdFor, objectIdFor } from "../../../modules/loyalty-wallet/lib/pass-payloads"
import type LoyaltyWalletModuleService from "../../../modules/loyalty-wallet/service"
import { loadPassSource } from "../pass-source"
import { refusal } from "../../../modules/loyalty/lib/refusal"

export const ensureWalletPassStepId = "ensure-wallet-pass"

/**
 * Issues the account's pass record (once): from now on every balance change is synced to it.
 * Refuses when Google Wallet is not configured. Compensation deletes a pass it created.
 *
 * @example
 * const pass = ensureWalletPassStep({ account_id })
 */
export const ensureWalletPassStep = createStep(
  ensureWalletPassStepId,
  async (input: { account_id: string }, { container }) => {
    const wallet: LoyaltyWalletModuleService = container.resolve(LOYALTY_WALLET_MODULE)
    const config = await wallet.getWalletConfig()
    if (!config.configured) {
      throw refusal("wallet_not_configured", "Google Wallet passes are not available: this store has not configured Google Wallet yet")
    }
    const source = await loadPassSource(container, input.account_id)
    if (!source) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Loyalty account ${input.account_id} was not found`)
    const [existing] = await wallet.listLoyaltyWalletPasses({ account_id: input.account_id }, { take: 1 })
    if (existing) return new StepResponse({ id: existing.id, created: false }, null)
    try {
      const created = await wallet.createLoyaltyWalletPasses({
        account_id: source.account.id,
        program_id: source.program.id,
        class_id: classIdFor(config.values.issuer_id!, source.program.id),
        object_id: objectIdFor(config.values.issuer_id!, source.account.id),
        // The pass is written with this balance right away; only later changes may notify.
        synced_balance: source.account.balance,
      })
      return new StepResponse({ id: created.id, created: true }, created.id)
    } catch (e) {
      // Two requests at once: the other one created it (account_id is unique).
      const [raced] = await wallet.listLoyaltyWalletPasses({ account_id: input.account_id }, { take: 1 })
      if (raced) return new StepResponse({ id: raced.id, created: false }, null)
      throw e
    }
  },
  async (createdId, { container }) => {
    if (!createdId) return
    const wallet: LoyaltyWalletModuleService = container.resolve(LOYALTY_WALLET_MODULE)
    await wallet.deleteLoyaltyWalletPasses(createdId)
  }
)
