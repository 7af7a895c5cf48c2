import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_WALLET_MODULE } from "../../../modules/loyalty-wallet"
import type LoyaltyWalletModuleService from "../../../modules/loyalty-wallet/service"
import type { StoredOverrides } from "../../../lib/layered-settings"

export const updateWalletSettingsStepId = "update-wallet-settings"

/**
 * Saves the admin's Wallet settings over options and env (secrets sealed; `null` clears a
 * field). Compensation puts the previous stored overrides back.
 *
 * @example
 * updateWalletSettingsStep({ issuer_id: "3388000000012345678", origins: ["https://shop.example"] })
 */
export const updateWalletSettingsStep = createStep(
  updateWalletSettingsStepId,
  async (patch: Record<string, unknown>, { container }) => {
    const wallet: LoyaltyWalletModuleService = container.resolve(LOYALTY_WALLET_MODULE)
    const { previous } = await wallet.saveWalletOverrides(patch)
    return new StepResponse(undefined, previous)
  },
  async (previous: StoredOverrides | undefined, { container }) => {
    if (!previous) return
    const wallet: LoyaltyWalletModuleService = container.resolve(LOYALTY_WALLET_MODULE)
    await wallet.restoreWalletOverrides(previous)
  }
)
