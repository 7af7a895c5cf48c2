import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE } from "../../../modules/loyalty"
import type LoyaltyModuleService from "../../../modules/loyalty/service"

export const deleteTierStepId = "delete-loyalty-tier"

/**
 * Soft-deletes a tier nobody holds (a held one is refused: 409 `tier_in_use`). Compensation restores it.
 *
 * @example
 * deleteTierStep({ id })
 */
export const deleteTierStep = createStep(
  deleteTierStepId,
  async (input: { id: string }, { container }) => {
    await (container.resolve(LOYALTY_MODULE) as LoyaltyModuleService).deleteTier(input.id)
    return new StepResponse(input.id, input.id)
  },
  async (id, { container }) => {
    if (!id) return
    await (container.resolve(LOYALTY_MODULE) as LoyaltyModuleService).restoreLoyaltyTiers(id)
  }
)
