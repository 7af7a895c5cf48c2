import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE } from "../../../modules/loyalty"
import type LoyaltyModuleService from "../../../modules/loyalty/service"

export const removeTestAccountsStepId = "remove-loyalty-test-accounts"

/**
 * Removes the test accounts and their entries, lots, redemptions, referrals, tier changes and
 * reward-ready notices in one transaction (see LoyaltyModuleService.removeTestData), and the
 * order retries of test orders. Accounts not flagged as test are never touched. No compensation:
 * the ledger cannot take deleted entries back, and a new run finishes a failed one.
 *
 * @example
 * const removed = removeTestAccountsStep({ account_ids, order_ids })
 */
export const removeTestAccountsStep = createStep(
  removeTestAccountsStepId,
  async (input: { account_ids: string[]; order_ids: string[] }, { container }) => {
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    return new StepResponse(await loyalty.removeTestData(input))
  }
)
