import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE } from "../../../modules/loyalty"
import type LoyaltyModuleService from "../../../modules/loyalty/service"

export const recordLiabilityEstimateStepId = "record-loyalty-liability-estimate"

export type RecordLiabilityEstimateInput = {
  program_id: string
  currency_code: string
  point_value: string
  expected_redemption_rate: string
  effective_at?: Date | string
  actor_user_id?: string | null
}

/**
 * Saves a new liability estimate (the earlier ones stay: what was allocated under them stays
 * allocated). One may not take effect before the latest one, which would re-allocate the past.
 * Compensation removes it.
 *
 * @example
 * recordLiabilityEstimateStep({ program_id, currency_code: "eur", point_value: "0.01", expected_redemption_rate: "0.9" })
 */
export const recordLiabilityEstimateStep = createStep(
  recordLiabilityEstimateStepId,
  async (input: RecordLiabilityEstimateInput, { container }) => {
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    const effective = input.effective_at ? new Date(input.effective_at) : new Date()
    const [latest] = await loyalty.listLoyaltyLiabilityEstimates({ program_id: input.program_id }, { order: { effective_at: "DESC" }, take: 1 })
    if (latest && new Date(latest.effective_at) > effective) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `liability_estimate.effective_at must not be before the current estimate's (${new Date(latest.effective_at).toISOString()}): a new estimate changes what is recognized from then on, not what was allocated`
      )
    }
    const [created] = await loyalty.createLoyaltyLiabilityEstimates([
      {
        program_id: input.program_id,
        currency_code: input.currency_code,
        point_value: input.point_value,
        expected_redemption_rate: input.expected_redemption_rate,
        effective_at: effective,
        actor_user_id: input.actor_user_id ?? null,
      } as any,
    ])
    return new StepResponse(created, created.id)
  },
  async (id, { container }) => {
    if (!id) return
    await container.resolve<LoyaltyModuleService>(LOYALTY_MODULE).deleteLoyaltyLiabilityEstimates([id])
  }
)
