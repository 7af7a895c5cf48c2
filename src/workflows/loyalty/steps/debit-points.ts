import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE, type DebitPointsInput } from "../../../modules/loyalty"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { compensateLedgerEntry } from "./compensate-entry"

export const debitPointsStepId = "debit-loyalty-points"

/**
 * Debits points under the account lock; fails with NOT_ALLOWED when the balance is short.
 * Idempotent on `idempotency_key`. Compensation gives back only a debit this run wrote.
 *
 * @example
 * const change = debitPointsStep({ account_id, type: "adjust", points: 10, source_type: "admin", idempotency_key })
 */
export const debitPointsStep = createStep(
  debitPointsStepId,
  async (input: DebitPointsInput, { container }) => {
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    const change = await loyalty.debitPoints(input)
    return new StepResponse(change, change.created ? change.entry.id : null)
  },
  compensateLedgerEntry
)
