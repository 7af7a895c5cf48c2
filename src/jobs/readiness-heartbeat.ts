import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { READINESS_HEARTBEAT_EVENT, recordedJob } from "../lib/job-runs"

/**
 * Every minute: emits `loyalty.heartbeat`. Its subscriber records the receipt as the run
 * "event-bus", so the go-live board can tell that a worker runs the jobs (this job's own run)
 * and that events are consumed (the receipt), in worker mode with the Redis event bus too.
 */
async function readinessHeartbeat(container: MedusaContainer, { now = new Date() }: { now?: Date } = {}) {
  await container.resolve(Modules.EVENT_BUS).emit({ name: READINESS_HEARTBEAT_EVENT, data: { sent_at: now.toISOString() } })
  return { sent_at: now.toISOString() }
}

export const config = {
  name: "rewardflow-readiness-heartbeat",
  schedule: "* * * * *",
}

/** Each run is recorded for the go-live board (src/lib/job-runs.ts). */
export default recordedJob(config, readinessHeartbeat)
