import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { LoyaltyEvents } from "../modules/loyalty/events"
import { runWalletPassSync } from "../workflows/loyalty-wallet/run-wallet-pass-sync"

/** A member moved to another tier: their Google Wallet pass shows the new tier. */
export default async function syncWalletPassOnTierChange({ event: { name, data }, container }: SubscriberArgs<{ id: string }>) {
  await runWalletPassSync(container, { account_id: data.id, trigger: name })
}

export const config: SubscriberConfig = {
  event: LoyaltyEvents.TIER_CHANGED,
  context: { subscriberId: "rewardflow-sync-wallet-pass-tier" },
}
