import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE, type RewardDTO } from "../../../modules/loyalty"
import type LoyaltyModuleService from "../../../modules/loyalty/service"

export const findCrossedRewardsStepId = "find-crossed-loyalty-rewards"

/**
 * The active rewards an account's balance now covers and did not cover before this change:
 * `before < points_cost <= after`. A reward is reported once per crossing; falling below its
 * cost and rising again is a new crossing.
 *
 * @example
 * const rewards = findCrossedRewardsStep({ account_id, before: 80, after: 130 })
 */
export const findCrossedRewardsStep = createStep(
  findCrossedRewardsStepId,
  async (input: { account_id: string; before: number; after: number; now?: Date }, { container }) => {
    if (input.after <= input.before) return new StepResponse([] as RewardDTO[])
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    const account = await loyalty.retrieveLoyaltyAccount(input.account_id, { select: ["id", "program_id"] })
    const now = input.now ?? new Date()
    const rewards = (await loyalty.listLoyaltyRewards({
      program_id: account.program_id,
      is_active: true,
      points_cost: { $gt: input.before, $lte: input.after },
    } as any)) as unknown as RewardDTO[]
    const live = rewards.filter(
      (r) => (!r.starts_at || new Date(r.starts_at) <= now) && (!r.ends_at || new Date(r.ends_at) > now)
    )
    return new StepResponse(live)
  }
)
