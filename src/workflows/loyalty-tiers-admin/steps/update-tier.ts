import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE } from "../../../modules/loyalty"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { isDuplicateThreshold, thresholdTaken } from "./tier-errors"
import type { LoyaltyTierInput } from "./validate-tier"

export const updateTierStepId = "update-loyalty-tier"

/**
 * Updates a tier (names and perks replaced whole). Compensation writes back the fields it changed.
 *
 * @example
 * const tier = updateTierStep({ id, update: { multiplier: 1.5 } })
 */
export const updateTierStep = createStep(
  updateTierStepId,
  async (input: { id: string; update: LoyaltyTierInput }, { container }) => {
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    const before = (await loyalty.retrieveLoyaltyTier(input.id)) as Record<string, any>
    const tier = await loyalty.updateTier(input.id, input.update).catch((e) => {
      throw isDuplicateThreshold(e) ? thresholdTaken(input.update.threshold!) : e
    })
    const previous = Object.fromEntries(Object.keys(input.update).map((k) => [k, before[k]]))
    return new StepResponse(tier as Record<string, any>, { id: input.id, ...previous })
  },
  async (previous, { container }) => {
    if (!previous) return
    const { id, ...fields } = previous
    await (container.resolve(LOYALTY_MODULE) as LoyaltyModuleService).updateTier(id, fields)
  }
)
