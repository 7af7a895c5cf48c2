import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { BALANCE_CHANGE_EVENTS, LoyaltyEvents } from "../modules/loyalty/events"
import { runWalletPassSync } from "../workflows/loyalty-wallet/run-wallet-pass-sync"

/** After any change of points, brings the account's Google Wallet pass to the current balance. */
export default async function syncWalletPassOnBalanceChange({
  event: { name, data },
  container,
}: SubscriberArgs<{ id: string; account_id?: string }>) {
  const account_id = name === LoyaltyEvents.ACCOUNT_ENROLLED ? data.id : data.account_id
  if (!account_id) return
  await runWalletPassSync(container, { account_id, trigger: name })
}

export const config: SubscriberConfig = {
  event: [...BALANCE_CHANGE_EVENTS],
  context: { subscriberId: "rewardflow-sync-wallet-pass" },
}
