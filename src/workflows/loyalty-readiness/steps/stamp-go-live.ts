import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE } from "../../../modules/loyalty"
import type LoyaltyModuleService from "../../../modules/loyalty/service"

export const stampGoLiveStepId = "stamp-loyalty-go-live"

/**
 * Stamps the program with when it went live and which admin user launched it. Compensation
 * restores the previous stamp.
 *
 * @example
 * stampGoLiveStep({ program_id, went_live_at: new Date().toISOString(), went_live_by: userId })
 */
export const stampGoLiveStep = createStep(
  stampGoLiveStepId,
  async (input: { program_id: string; went_live_at: string; went_live_by: string | null }, { container }) => {
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    const previous = (await loyalty.retrieveLoyaltyProgram(input.program_id)) as { went_live_at?: Date | null; went_live_by?: string | null }
    await loyalty.updateProgram(input.program_id, { went_live_at: new Date(input.went_live_at), went_live_by: input.went_live_by })
    return new StepResponse(input, { program_id: input.program_id, went_live_at: previous.went_live_at ?? null, went_live_by: previous.went_live_by ?? null })
  },
  async (previous, { container }) => {
    if (!previous) return
    await container.resolve<LoyaltyModuleService>(LOYALTY_MODULE).updateProgram(previous.program_id, {
      went_live_at: previous.went_live_at,
      went_live_by: previous.went_live_by,
    })
  }
)
