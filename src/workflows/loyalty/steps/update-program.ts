import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE } from "../../../modules/loyalty"
import type LoyaltyModuleService from "../../../modules/loyalty/service"

export const updateProgramStepId = "update-loyalty-program"

export type UpdateProgramStepInput = { id: string } & Record<string, unknown>

/**
 * Updates program settings; compensation restores the previous values.
 *
 * @example
 * const program = updateProgramStep({ id, rounding: "nearest" })
 */
export const updateProgramStep = createStep(
  updateProgramStepId,
  async (input: UpdateProgramStepInput, { container }) => {
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    const previous = await loyalty.retrieveLoyaltyProgram(input.id)
    const restore = Object.fromEntries(
      Object.keys(input).map((k) => [k, (previous as Record<string, unknown>)[k]])
    ) as UpdateProgramStepInput
    const { id, ...fields } = input
    const updated = await loyalty.updateProgram(id, fields)
    return new StepResponse(updated, restore)
  },
  async (restore, { container }) => {
    if (!restore) return
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    const { id, ...fields } = restore
    await loyalty.updateProgram(id, fields)
  }
)
