import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { LoyaltyEvents } from "../../../modules/loyalty/events"
import { claimRewardReadyNoticesStep } from "../steps/claim-reward-ready-notices"
import { findCrossedRewardsStep } from "../steps/find-crossed-rewards"

export const notifyRewardsReadyWorkflowId = "notify-loyalty-rewards-ready"

export type NotifyRewardsReadyWorkflowInput = {
  account_id: string
  customer_id: string
  /** The ledger entry that raised the balance (a redelivered event carries the same one). */
  entry_id: string
  balance: number
  points: number
}

/**
 * After points are added, emits `loyalty.reward_ready` for every reward the balance now
 * covers for the first time since it last fell below its cost, once per reward and entry
 * (a redelivered points event emits nothing again).
 *
 * @example
 * await notifyRewardsReadyWorkflow(container).run({ input: { account_id, customer_id, entry_id, balance: 130, points: 50 } })
 */
export const notifyRewardsReadyWorkflow = createWorkflow(
  notifyRewardsReadyWorkflowId,
  (input: NotifyRewardsReadyWorkflowInput) => {
    const crossed = findCrossedRewardsStep(
      transform({ input }, ({ input }) => ({ account_id: input.account_id, before: input.balance - input.points, after: input.balance }))
    )
    // Once per reward and entry: a redelivered points event (same entry) emits nothing again.
    const rewards = claimRewardReadyNoticesStep(
      transform({ crossed, input }, ({ crossed, input }) => ({ account_id: input.account_id, entry_id: input.entry_id, rewards: crossed }))
    )
    const events = transform({ rewards, input }, ({ rewards, input }) =>
      rewards.map((r) => ({
        id: r.id,
        account_id: input.account_id,
        customer_id: input.customer_id,
        balance: input.balance,
        points_cost: r.points_cost,
        entry_id: input.entry_id,
        reward_name: r.name,
      }))
    )
    emitEventStep({ eventName: LoyaltyEvents.REWARD_READY, data: events })
    return new WorkflowResponse(events)
  }
)
