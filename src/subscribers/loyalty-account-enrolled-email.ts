import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { LoyaltyEvents } from "../modules/loyalty/events"
import { sendLoyaltyEmailWorkflow } from "../workflows/loyalty-messaging/workflows/send-loyalty-email"

/** Welcomes a new member with the enrollment mail (once per account). */
export default async function loyaltyAccountEnrolledEmail({
  event: { data },
  container,
}: SubscriberArgs<{ id: string; customer_id: string }>) {
  await sendLoyaltyEmailWorkflow(container).run({
    input: {
      template_key: "loyalty_enrollment",
      idempotency_key: `loyalty_enrollment:${data.id}`,
      account_id: data.id,
      event: LoyaltyEvents.ACCOUNT_ENROLLED,
    },
  })
}

export const config: SubscriberConfig = {
  event: LoyaltyEvents.ACCOUNT_ENROLLED,
  context: { subscriberId: "rewardflow-account-enrolled-email" },
}
