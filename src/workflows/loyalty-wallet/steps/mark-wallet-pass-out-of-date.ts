import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_WALLET_MODULE } from "../../../modules/loyalty-wallet"
import type LoyaltyWalletModuleService from "../../../modules/loyalty-wallet/service"

export const markWalletPassOutOfDateStepId = "mark-wallet-pass-out-of-date"

/**
 * Marks an account's pass out of date with the reason and a next attempt (backoff), so the
 * retry job syncs it. Does nothing when the account has no pass. Compensation restores the
 * pass's previous sync state.
 *
 * @example
 * markWalletPassOutOfDateStep({ account_id, error: "the sync did not complete: ..." })
 */
export const markWalletPassOutOfDateStep = createStep(
  markWalletPassOutOfDateStepId,
  async (input: { account_id: string; error: string }, { container }) => {
    const wallet: LoyaltyWalletModuleService = container.resolve(LOYALTY_WALLET_MODULE)
    const previous = await wallet.markPassOutOfDate(input.account_id, input.error)
    return new StepResponse(previous !== null, previous)
  },
  async (previous, { container }) => {
    if (!previous) return
    const wallet: LoyaltyWalletModuleService = container.resolve(LOYALTY_WALLET_MODULE)
    await wallet.updateLoyaltyWalletPasses(previous as any)
  }
)
