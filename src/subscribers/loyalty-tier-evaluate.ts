import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { LOYALTY_MODULE } from "../modules/loyalty"
import { LoyaltyEvents } from "../modules/loyalty/events"
import type LoyaltyModuleService from "../modules/loyalty/service"
import { evaluateLoyaltyTierWorkflow } from "../workflows/loyalty-tiers/workflows/evaluate-loyalty-tier"

/**
 * Points earned move a member up at once (the next order earns with the new multiplier); points
 * taken back (a cancel, a return) start the grace period when they take the member under the
 * tier's threshold, never a downgrade at once. A failure is logged: the daily job evaluates again.
 */
export default async function evaluateTierOnPoints({ event: { name, data }, container }: SubscriberArgs<{ account_id?: string }>) {
  if (!data.account_id) return
  try {
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    // A program without tiers (and a member holding none) has nothing to evaluate.
    if (!(await loyalty.tiersApply(data.account_id))) return
    await evaluateLoyaltyTierWorkflow(container).run({ input: { account_id: data.account_id, trigger: name } })
  } catch (e) {
    container.resolve(ContainerRegistrationKeys.LOGGER).error(`[rewardflow] tier of account ${data.account_id} not evaluated after ${name}: ${(e as Error).message}`)
  }
}

export const config: SubscriberConfig = {
  event: [LoyaltyEvents.POINTS_EARNED, LoyaltyEvents.POINTS_REVERSED],
  context: { subscriberId: "rewardflow-evaluate-tier" },
}
