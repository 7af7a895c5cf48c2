import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE, type RewardDTO } from "../../../modules/loyalty"
import type LoyaltyModuleService from "../../../modules/loyalty/service"

export const claimRewardReadyNoticesStepId = "claim-loyalty-reward-ready-notices"

/**
 * Keeps the rewards whose `loyalty.reward_ready` this entry has not told yet, and records them
 * as told (unique per account, reward and entry). A redelivered points event carries the same
 * entry and keeps none, so each crossing is told once. Compensation forgets the notices, so a
 * run that failed to emit can be retried.
 *
 * @example
 * const toTell = claimRewardReadyNoticesStep({ account_id, entry_id, rewards })
 */
export const claimRewardReadyNoticesStep = createStep(
  claimRewardReadyNoticesStepId,
  async (input: { account_id: string; entry_id: string; rewards: RewardDTO[] }, { container }) => {
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    const claimed = await loyalty.claimRewardReadyNotices({
      account_id: input.account_id,
      entry_id: input.entry_id,
      reward_ids: input.rewards.map((r) => r.id),
    })
    const kept = input.rewards.filter((r) => claimed.includes(r.id))
    return new StepResponse(kept, { account_id: input.account_id, entry_id: input.entry_id, reward_ids: claimed })
  },
  async (claimed, { container }) => {
    if (!claimed?.reward_ids.length) return
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    await loyalty.releaseRewardReadyNotices(claimed)
  }
)
