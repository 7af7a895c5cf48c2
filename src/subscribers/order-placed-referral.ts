import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { LOYALTY_MODULE } from "../modules/loyalty"
import type LoyaltyModuleService from "../modules/loyalty/service"
import { settleReferralsWorkflow } from "../workflows/loyalty-bonuses/workflows/settle-referrals"

/** A referred customer's order: the referral records it (or refuses a self-referral by address) at once. */
export default async function orderPlacedReferral({ event: { data }, container }: SubscriberArgs<{ id: string }>) {
  // Most orders come with no referral waiting anywhere: one read instead of a workflow run.
  const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
  if (!(await loyalty.hasOpenReferrals())) return
  await settleReferralsWorkflow(container).run({ input: { order_id: data.id } })
}

export const config: SubscriberConfig = {
  event: "order.placed",
  context: { subscriberId: "rewardflow-order-placed-referral" },
}
