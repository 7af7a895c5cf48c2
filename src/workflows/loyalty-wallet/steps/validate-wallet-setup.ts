import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE } from "../../../modules/loyalty"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { LOYALTY_WALLET_MODULE } from "../../../modules/loyalty-wallet"
import { validateWalletSetup, type WalletCheck } from "../../../modules/loyalty-wallet/lib/setup-validator"
import type LoyaltyWalletModuleService from "../../../modules/loyalty-wallet/service"

export const validateWalletSetupStepId = "validate-wallet-setup"

export type WalletValidation = { ok: boolean; environment: "demo" | "production"; checks: WalletCheck[] }

/**
 * Checks the effective Wallet setup: service account JSON, token, issuer and class, origins,
 * logo. Each check reports ok or the failure and its fix. The only write is on Google's side:
 * the program's class is created when missing (as the first pass would).
 *
 * @example
 * const report = validateWalletSetupStep()
 */
export const validateWalletSetupStep = createStep(validateWalletSetupStepId, async (_: void, { container }) => {
  const wallet: LoyaltyWalletModuleService = container.resolve(LOYALTY_WALLET_MODULE)
  const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
  const config = await wallet.getWalletConfig()
  const program = await loyalty.getOrCreateDefaultProgram()
  const checks = await validateWalletSetup(config.values, program, config.problems.service_account_json)
  return new StepResponse<WalletValidation>({
    ok: checks.every((c) => c.ok),
    environment: config.values.environment ?? "demo",
    checks,
  })
})
