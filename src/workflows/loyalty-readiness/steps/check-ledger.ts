import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE } from "../../../modules/loyalty"
import type LoyaltyModuleService from "../../../modules/loyalty/service"

export const checkLedgerStepId = "check-loyalty-ledger"

/**
 * The ledger's invariants checked after a clean-up: every remaining account's cached balance,
 * points owed, lifetime and pending points and lots against its entries (the rebuild command's
 * report, repairing nothing). A read.
 *
 * @example
 * const invariants = checkLedgerStep()
 */
export const checkLedgerStep = createStep(checkLedgerStepId, async (_: void, { container }) => {
  const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
  const report = await loyalty.rebuildBalances({ fix: false })
  return new StepResponse({
    accounts_checked: report.accounts_checked,
    drift: report.drift.length,
    drifted_account_ids: report.drift.map((d) => d.account_id),
  })
})
