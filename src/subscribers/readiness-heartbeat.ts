import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { EVENT_BUS_RUN, READINESS_HEARTBEAT_EVENT, recordRun } from "../lib/job-runs"

/**
 * Records that a heartbeat went through the event bus (run "event-bus"), at the time it was
 * received: the go-live board's proof that events are consumed. Bookkeeping only, no workflow.
 */
export default async function recordHeartbeat({ container }: SubscriberArgs<{ sent_at?: string }>) {
  const now = new Date()
  await recordRun(container, EVENT_BUS_RUN, "started", now)
  await recordRun(container, EVENT_BUS_RUN, "succeeded", now)
}

export const config: SubscriberConfig = {
  event: READINESS_HEARTBEAT_EVENT,
  context: { subscriberId: "rewardflow-readiness-heartbeat" },
}
