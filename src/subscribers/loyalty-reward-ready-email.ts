import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { LoyaltyEvents } from "../modules/loyalty/events"
import { sendLoyaltyEmailWorkflow } from "../workflows/loyalty-messaging/workflows/send-loyalty-email"

type RewardReady = {
  id: string
  account_id: string
  customer_id: string
  balance: number
  points_cost: number
  /** The ledger entry whose points crossed the cost: one mail per crossing, not per delivery. */
  entry_id?: string
  reward_name?: Record<string, string> | string
}

/** Tells a member their balance now covers a reward (once per crossing of its cost). */
export default async function loyaltyRewardReadyEmail({ event: { data }, container }: SubscriberArgs<RewardReady>) {
  await sendLoyaltyEmailWorkflow(container).run({
    input: {
      template_key: "loyalty_reward_ready",
      idempotency_key: `loyalty_reward_ready:${data.account_id}:${data.id}:${data.entry_id ?? "first"}`,
      account_id: data.account_id,
      event: LoyaltyEvents.REWARD_READY,
      balance: data.balance,
      reward_id: data.id,
      reward_name: data.reward_name ?? null,
      points_cost: data.points_cost ?? null,
    },
  })
}

export const config: SubscriberConfig = {
  event: LoyaltyEvents.REWARD_READY,
  context: { subscriberId: "rewardflow-reward-ready-email" },
}
