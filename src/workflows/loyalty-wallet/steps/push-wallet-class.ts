import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE } from "../../../modules/loyalty"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { LOYALTY_WALLET_MODULE } from "../../../modules/loyalty-wallet"
import type LoyaltyWalletModuleService from "../../../modules/loyalty-wallet/service"
import { planClassPush, pushClass, type ClassWritten } from "../class-push"

export const pushWalletClassStepId = "push-wallet-class"

export type PushWalletClassResult = {
  program_id: string
  status: "synced" | "failed" | "skipped"
  reason?: string
  class_written?: ClassWritten
  error?: string
  at: string
}

/**
 * Writes a program's LoyaltyClass to Google Wallet after the program changed (name, language):
 * every saved pass of the program shows it. Skipped when Wallet is off, when no pass of the
 * program was issued yet (the first pass writes the class) or when Google already has this body.
 * A failure is returned, not thrown: the next pass sync of the program writes the class again.
 *
 * @example
 * const result = pushWalletClassStep({ program_id })
 */
export const pushWalletClassStep = createStep(pushWalletClassStepId, async (input: { program_id: string }, { container }) => {
  const at = new Date().toISOString()
  const result = (r: Omit<PushWalletClassResult, "program_id" | "at">) =>
    new StepResponse<PushWalletClassResult>({ program_id: input.program_id, at, ...r })
  const wallet: LoyaltyWalletModuleService = container.resolve(LOYALTY_WALLET_MODULE)
  const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
  try {
    const config = await wallet.getWalletConfig()
    if (!config.configured || !config.serviceAccount.ok) return result({ status: "skipped", reason: "Google Wallet is not configured" })
    const [program] = await loyalty.listLoyaltyPrograms({ id: input.program_id }, { take: 1 })
    if (!program) return result({ status: "skipped", reason: "the program does not exist" })
    const plan = await planClassPush(wallet, config, program)
    if (plan.upToDate) return result({ status: "skipped", reason: "Google already shows this class" })
    const [anyPass] = await wallet.listLoyaltyWalletPasses({ program_id: input.program_id }, { take: 1, select: ["id"] })
    if (!plan.known && !anyPass) return result({ status: "skipped", reason: "no pass of this program was issued yet" })
    const written = await pushClass(wallet.walletApi(config.serviceAccount.key, config.values), plan)
    return result({ status: "synced", class_written: written })
  } catch (e) {
    return result({ status: "failed", error: (e as Error).message })
  }
})
