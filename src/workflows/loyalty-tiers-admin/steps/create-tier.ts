import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE } from "../../../modules/loyalty"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { isDuplicateThreshold, thresholdTaken } from "./tier-errors"
import type { LoyaltyTierInput } from "./validate-tier"

export const createTierStepId = "create-loyalty-tier"

/**
 * Creates a tier in a program. Compensation deletes it.
 *
 * @example
 * const tier = createTierStep({ ...input, program_id })
 */
export const createTierStep = createStep(
  createTierStepId,
  async (input: LoyaltyTierInput & { program_id: string }, { container }) => {
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    const tier = await loyalty.createLoyaltyTiers(input as any).catch((e) => {
      throw isDuplicateThreshold(e) ? thresholdTaken(input.threshold!) : e
    })
    return new StepResponse(tier as Record<string, any>, tier.id)
  },
  async (id, { container }) => {
    if (!id) return
    // Nobody can hold a tier created in this run: the checked delete removes it.
    await (container.resolve(LOYALTY_MODULE) as LoyaltyModuleService).deleteTier(id)
  }
)
