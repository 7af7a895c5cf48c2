import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { LoyaltyEvents } from "../modules/loyalty/events"
import { runWalletPassSync } from "../workflows/loyalty-wallet/run-wallet-pass-sync"

/** An admin changed an account (blocked it, changed its locale): its Google Wallet pass follows. */
export default async function syncWalletPassOnAccountUpdate({ event: { name, data }, container }: SubscriberArgs<{ id: string }>) {
  await runWalletPassSync(container, { account_id: data.id, trigger: name })
}

export const config: SubscriberConfig = {
  event: LoyaltyEvents.ACCOUNT_UPDATED,
  context: { subscriberId: "rewardflow-sync-wallet-pass-account" },
}
