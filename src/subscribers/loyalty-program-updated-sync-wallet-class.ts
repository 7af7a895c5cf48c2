import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { LoyaltyEvents } from "../modules/loyalty/events"
import { syncWalletClassWorkflow } from "../workflows/loyalty-wallet/workflows/sync-wallet-class"

/** An admin changed the program (name, language): its Google Wallet class follows. */
export default async function syncWalletClassOnProgramUpdate({ event: { data }, container }: SubscriberArgs<{ id: string }>) {
  await syncWalletClassWorkflow(container).run({ input: { program_id: data.id } })
}

export const config: SubscriberConfig = {
  event: LoyaltyEvents.PROGRAM_UPDATED,
  context: { subscriberId: "rewardflow-sync-wallet-class" },
}
