import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE } from "../../../modules/loyalty"
import type { ReferralBonus, ReferralRow } from "../../../modules/loyalty/lib/ledger/referral-store"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import type { ReferralProgress } from "./load-referral-progress"

export const settleReferralsStepId = "settle-referrals"

export type SettledReferral = { referral_id: string; status: string; refusal_reason: string | null; bonuses: ReferralBonus[] }

export type SettleReferralsStepOutput = {
  settled: SettledReferral[]
  failed: { referral_id: string; error: string }[]
}

type Undo = { previous: ReferralRow; entry_ids: string[] }

/**
 * Applies each referral's decision (the service's `settleReferral`, each in its own transaction
 * under the referral's lock): waits, refusals, rewards. A failing referral is reported and left
 * to the next run. Compensation undoes what this run changed: the bonuses it wrote are taken
 * back and the referrals set back as they were.
 *
 * @example
 * const result = settleReferralsStep({ progress, now })
 */
export const settleReferralsStep = createStep(
  settleReferralsStepId,
  async (input: { progress: ReferralProgress[]; now?: string }, { container }) => {
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    const now = input.now ? new Date(input.now) : new Date()
    const out: SettleReferralsStepOutput = { settled: [], failed: [] }
    const undo: Undo[] = []
    for (const { referral_id, decision } of input.progress) {
      try {
        const { referral, previous, bonuses } = await loyalty.settleReferral({ referral_id, decision, now })
        if (previous) undo.push({ previous, entry_ids: bonuses.map((b) => b.change.entry.id) })
        out.settled.push({ referral_id, status: referral.status, refusal_reason: referral.refusal_reason, bonuses })
      } catch (e) {
        out.failed.push({ referral_id, error: (e as Error).message })
        container.resolve(ContainerRegistrationKeys.LOGGER).warn(`[rewardflow] referral ${referral_id} could not be settled: ${(e as Error).message}`)
      }
    }
    return new StepResponse(out, undo)
  },
  async (undo, { container }) => {
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    for (const u of undo ?? []) await loyalty.revertReferralSettlement(u)
  }
)
