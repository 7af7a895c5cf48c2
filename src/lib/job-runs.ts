import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { LOYALTY_MODULE } from "../modules/loyalty"
import type LoyaltyModuleService from "../modules/loyalty/service"

/** The event the heartbeat job emits every minute; its subscriber records the receipt. */
export const READINESS_HEARTBEAT_EVENT = "loyalty.heartbeat"

/** The job-run name under which the heartbeat's receipt is recorded: events are being consumed. */
export const EVENT_BUS_RUN = "event-bus"

type Logger = { warn(msg: string): void }

/** Records a moment of a run; a failure to record is logged and never changes what the job does. */
export async function recordRun(
  container: MedusaContainer,
  name: string,
  event: "started" | "succeeded" | "failed",
  at: Date,
  error?: string
): Promise<void> {
  try {
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    await loyalty.recordJobRun({ name, event, at, error })
  } catch (e) {
    try {
      container.resolve<Logger>(ContainerRegistrationKeys.LOGGER).warn(`[rewardflow] run of ${name} not recorded: ${(e as Error).message}`)
    } catch {
      // No logger either: nothing more to do.
    }
  }
}

/**
 * Wraps a scheduled job so each run is recorded in `loyalty_job_run` (start, then success or the
 * error) for the go-live board. The job itself runs unchanged: same arguments, same result, and
 * its error is thrown on as before. A `now` the caller gives the job is the run's time too, so a
 * test can place a run in the past.
 *
 * @example
 * export default recordedJob(config, expireLoyaltyPoints)
 */
export function recordedJob<Args extends unknown[], Result>(
  config: { name: string },
  job: (container: MedusaContainer, ...args: Args) => Promise<Result>
): (container: MedusaContainer, ...args: Args) => Promise<Result> {
  const run = async (container: MedusaContainer, ...args: Args): Promise<Result> => {
    const given = (args[0] as { now?: unknown } | undefined)?.now
    const at = () => (given instanceof Date ? given : new Date())
    await recordRun(container, config.name, "started", at())
    try {
      const result = await job(container, ...args)
      await recordRun(container, config.name, "succeeded", at())
      return result
    } catch (e) {
      await recordRun(container, config.name, "failed", at(), (e as Error)?.message ?? String(e))
      throw e
    }
  }
  Object.defineProperty(run, "name", { value: job.name })
  return run
}
