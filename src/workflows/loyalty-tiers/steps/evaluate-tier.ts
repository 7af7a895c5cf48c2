import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE } from "../../../modules/loyalty"
import type { TierEvaluation, TierFields } from "../../../modules/loyalty/lib/ledger/tier-store"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import type { MeasuredTierValue } from "./measure-tier-value"

export const evaluateTierStepId = "evaluate-loyalty-tier"

type Undo = { account_id: string; change_id: string | null; before: TierFields; after: TierFields } | null

/**
 * Applies the tier rules to the member under the account lock (evaluateTier): an upgrade at
 * once, the grace period started or ended, a downgrade after it. Compensation puts the account's
 * tier back and removes the move, unless another evaluation moved it since.
 *
 * @example
 * const evaluation = evaluateTierStep(measureTierValueStep({ account_id }))
 */
export const evaluateTierStep = createStep(
  evaluateTierStepId,
  async (input: MeasuredTierValue, { container }) => {
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    const evaluation = await loyalty.evaluateTier(input.account_id, { now: new Date(input.now), money_spent: input.money_spent, reason: input.reason })
    const wrote = evaluation.decision !== "none"
    return new StepResponse<TierEvaluation, Undo>(
      evaluation,
      wrote ? { account_id: evaluation.account_id, change_id: evaluation.change?.id ?? null, before: evaluation.before, after: evaluation.after } : null
    )
  },
  async (undo, { container }) => {
    if (!undo) return
    await (container.resolve(LOYALTY_MODULE) as LoyaltyModuleService).revertTierEvaluation(undo)
  }
)
