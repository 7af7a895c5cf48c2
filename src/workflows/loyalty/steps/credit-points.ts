import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE, type CreditPointsInput } from "../../../modules/loyalty"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { compensateLedgerEntry } from "./compensate-entry"

export const creditPointsStepId = "credit-loyalty-points"

/**
 * Credits points; idempotent on `idempotency_key`. Compensation takes back only a credit
 * this run wrote, never one found from an earlier run.
 *
 * @example
 * const change = creditPointsStep({ account_id, type: "earn", points: 42, source_type: "order", source_id, idempotency_key })
 */
export const creditPointsStep = createStep(
  creditPointsStepId,
  async (input: CreditPointsInput, { container }) => {
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    const change = await loyalty.creditPoints(input)
    return new StepResponse(change, change.created ? change.entry.id : null)
  },
  compensateLedgerEntry
)
