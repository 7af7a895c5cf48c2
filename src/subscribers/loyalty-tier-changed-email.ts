import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { LOYALTY_MODULE } from "../modules/loyalty"
import { LoyaltyEvents } from "../modules/loyalty/events"
import type LoyaltyModuleService from "../modules/loyalty/service"
import { sendLoyaltyEmailWorkflow } from "../workflows/loyalty-messaging/workflows/send-loyalty-email"

type TierChanged = {
  id: string
  customer_id: string
  from_tier_id: string | null
  to_tier_id: string | null
  direction: "up" | "down"
  change_id: string
}

/** Tells a member they moved to another tier (once per move), with its perks: upgrade and downgrade worded apart. */
export default async function loyaltyTierChangedEmail({ event: { data }, container }: SubscriberArgs<TierChanged>) {
  const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
  const ids = [data.from_tier_id, data.to_tier_id].filter((id): id is string => !!id)
  // A tier removed since still has its name.
  const tiers = ids.length ? await loyalty.listLoyaltyTiers({ id: ids }, { withDeleted: true }) : []
  const tier = tiers.find((t) => t.id === data.to_tier_id)
  const previous = tiers.find((t) => t.id === data.from_tier_id)
  await sendLoyaltyEmailWorkflow(container).run({
    input: {
      template_key: "loyalty_tier_changed",
      idempotency_key: `loyalty_tier_changed:${data.change_id}`,
      account_id: data.id,
      event: LoyaltyEvents.TIER_CHANGED,
      tier: {
        name: (tier?.name as Record<string, string> | undefined) ?? null,
        perks: (tier?.perks as Record<string, string> | null | undefined) ?? null,
        previous_name: (previous?.name as Record<string, string> | undefined) ?? null,
        direction: data.direction,
      },
    },
  })
}

export const config: SubscriberConfig = {
  event: LoyaltyEvents.TIER_CHANGED,
  context: { subscriberId: "rewardflow-tier-changed-email" },
}
