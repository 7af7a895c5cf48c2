import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE } from "../../../modules/loyalty"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { thresholdTaken } from "./tier-errors"

/** A tier as the admin sends it (validated by the route's schema). */
export type LoyaltyTierInput = {
  name?: Record<string, string>
  perks?: Record<string, string> | null
  threshold?: number
  multiplier?: number
  color?: string | null
  metadata?: Record<string, unknown> | null
}

export const validateTierStepId = "validate-loyalty-tier"

/**
 * Refuses a threshold another tier of the program has (409 `threshold_taken`, naming that tier).
 * The unique index decides a race; this step gives the common case its message.
 *
 * @example
 * validateTierStep({ tier: input, program_id, id })
 */
export const validateTierStep = createStep(
  validateTierStepId,
  async (input: { tier: LoyaltyTierInput; program_id: string; id?: string }, { container }) => {
    if (input.tier.threshold === undefined) return new StepResponse(undefined)
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    const [other] = await loyalty.listLoyaltyTiers(
      { program_id: input.program_id, threshold: input.tier.threshold, ...(input.id ? { id: { $ne: input.id } } : {}) } as any,
      { take: 1 }
    )
    if (other) throw thresholdTaken(input.tier.threshold, (other.name as Record<string, string>)?.en)
    return new StepResponse(undefined)
  }
)
