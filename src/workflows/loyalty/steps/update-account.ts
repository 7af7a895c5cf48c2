import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE } from "../../../modules/loyalty"
import type LoyaltyModuleService from "../../../modules/loyalty/service"

export const updateAccountStepId = "update-loyalty-account"

export type UpdateAccountStepInput = {
  id: string
  status?: "active" | "blocked"
  locale?: string | null
  metadata?: Record<string, unknown> | null
  /** Flags the account as test data (the go-live clean-up removes it). */
  is_test?: boolean
}

/**
 * Updates an account's status, locale or metadata (never its points: those change only
 * through the ledger). Compensation restores the previous values.
 *
 * @example
 * updateAccountStep({ id, status: "blocked" })
 */
export const updateAccountStep = createStep(
  updateAccountStepId,
  async (input: UpdateAccountStepInput, { container }) => {
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    const previous = await loyalty.retrieveLoyaltyAccount(input.id)
    const restore = Object.fromEntries(
      Object.keys(input).map((k) => [k, (previous as Record<string, unknown>)[k]])
    ) as UpdateAccountStepInput
    const updated = await loyalty.updateLoyaltyAccounts(input as any)
    return new StepResponse(updated, restore)
  },
  async (restore, { container }) => {
    if (!restore) return
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    await loyalty.updateLoyaltyAccounts(restore as any)
  }
)
