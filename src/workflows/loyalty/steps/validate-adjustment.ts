import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE } from "../../../modules/loyalty"
import type LoyaltyModuleService from "../../../modules/loyalty/service"

export const validateAdjustmentStepId = "validate-loyalty-adjustment"

export type ValidateAdjustmentInput = {
  account_id: string
  points: number
  idempotency_key: string
}

/**
 * Checks that the account exists and that a reused idempotency key belongs to the same
 * adjustment (same account and points); a different request under a used key is refused.
 *
 * @example
 * validateAdjustmentStep({ account_id, points: -50, idempotency_key })
 */
export const validateAdjustmentStep = createStep(
  validateAdjustmentStepId,
  async (input: ValidateAdjustmentInput, { container }) => {
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    const account = await loyalty.retrieveLoyaltyAccount(input.account_id)
    const earlier = await loyalty.retrieveLiveEntryByKey(input.idempotency_key)
    if (earlier && (earlier.account_id !== input.account_id || earlier.points !== input.points)) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Idempotency-Key was already used for another adjustment (${earlier.points} points on account ${earlier.account_id})`
      )
    }
    return new StepResponse({ account_id: account.id, customer_id: account.customer_id })
  }
)
