import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { LoyaltyEvents } from "../modules/loyalty/events"
import { notifyRewardsReadyWorkflow } from "../workflows/rewards/workflows/notify-rewards-ready"

type PointsAdded = { id: string; account_id: string; customer_id: string; points: number; balance: number }

/** When points are added, tells the shopper about rewards they can now afford. */
export default async function pointsAddedRewardReady({ event: { data }, container }: SubscriberArgs<PointsAdded>) {
  if (!(data.points > 0)) return
  await notifyRewardsReadyWorkflow(container).run({
    input: { account_id: data.account_id, customer_id: data.customer_id, entry_id: data.id, balance: data.balance, points: data.points },
  })
}

export const config: SubscriberConfig = {
  event: [LoyaltyEvents.POINTS_EARNED, LoyaltyEvents.POINTS_ADJUSTED],
  context: { subscriberId: "rewardflow-points-added-reward-ready" },
}
