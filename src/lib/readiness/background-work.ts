import { EVENT_BUS_RUN } from "../job-runs"
import { LOYALTY_MODULE } from "../../modules/loyalty"
import type LoyaltyModuleService from "../../modules/loyalty/service"
import { JOB_SCHEDULES, type JobSchedule } from "./job-schedules"
import type { ReadinessCheck, ReadinessEvidence, ReadinessLine, ReadinessStatus } from "./types"

/** Slack on top of twice the interval: a run starts a little after its minute, and clocks differ. */
const GRACE_SECONDS = 60
/** The heartbeat runs every minute. */
const HEARTBEAT_INTERVAL_SECONDS = 60

export type JobRunRow = {
  name: string
  last_started_at: Date | string | null
  last_finished_at: Date | string | null
  last_succeeded_at: Date | string | null
  last_failed_at: Date | string | null
  last_error: string | null
  runs: number
  failures: number
  created_at: Date | string
}

const t = (d: Date | string | null | undefined) => (d ? new Date(d).getTime() : null)
const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : "never")
const every = (s: number) => (s % 86_400 === 0 ? `${s / 86_400} day(s)` : s % 3600 === 0 ? `${s / 3600} hour(s)` : `${s / 60} minute(s)`)

/**
 * Judges the recorded runs: a job is stale with no start within twice its interval (plus a
 * minute), failing when its last finish was a failure, and never run is a risk only while the
 * worker (its first heartbeat) is younger than twice the job's interval. Events are consumed
 * when a heartbeat was received within twice its minute. Pure, for unit tests.
 */
export function judgeBackgroundWork(runs: JobRunRow[], now: Date, schedules: JobSchedule[] = JOB_SCHEDULES) {
  const byName = new Map(runs.map((r) => [r.name, r]))
  const workerSince = t(byName.get("rewardflow-readiness-heartbeat")?.created_at)
  const notReady: string[] = []
  const risks: string[] = []
  const evidence: ReadinessEvidence[] = []
  const within = (at: number | null, seconds: number) => at !== null && now.getTime() - at <= (2 * seconds + GRACE_SECONDS) * 1000

  for (const job of schedules) {
    const run = byName.get(job.name)
    const started = t(run?.last_started_at)
    const failed = t(run?.last_failed_at)
    const succeeded = t(run?.last_succeeded_at)
    let value: string
    if (!run || started === null) {
      value = "never ran"
      if (within(workerSince, job.interval_seconds)) risks.push(`${job.name} has not run yet (due every ${every(job.interval_seconds)}; the worker started ${iso(new Date(workerSince!))})`)
      else notReady.push(`${job.name} never ran (due every ${every(job.interval_seconds)})`)
    } else if (failed !== null && (succeeded === null || failed >= succeeded)) {
      value = `last run failed at ${iso(run.last_failed_at)}: ${run.last_error ?? "unknown error"}`
      notReady.push(`${job.name} failed at ${iso(run.last_failed_at)}: ${run.last_error ?? "unknown error"}`)
    } else if (!within(started, job.interval_seconds)) {
      value = `stale: last started ${iso(run.last_started_at)}`
      notReady.push(`${job.name} last ran at ${iso(run.last_started_at)}, but its schedule (${job.schedule}) runs it every ${every(job.interval_seconds)}`)
    } else {
      value = `ok: last started ${iso(run.last_started_at)}, ${run.runs} run(s), ${run.failures} failure(s)`
    }
    evidence.push({ label: `Job ${job.name} (${job.schedule})`, value, ...(started !== null ? { checked_at: iso(run!.last_started_at) } : {}), source: "loyalty_job_run" })
  }

  const bus = byName.get(EVENT_BUS_RUN)
  const received = t(bus?.last_succeeded_at)
  if (!within(received, HEARTBEAT_INTERVAL_SECONDS)) {
    notReady.push(
      received === null
        ? "no heartbeat event was ever received: no worker consumes events"
        : `no heartbeat event received since ${iso(bus!.last_succeeded_at)}: events are not being consumed`
    )
  }
  evidence.push({ label: "Last heartbeat event received (events are consumed)", value: iso(bus?.last_succeeded_at), source: "loyalty_job_run" })
  const status: ReadinessStatus = notReady.length ? "not_ready" : risks.length ? "ready_with_risks" : "ready"
  return { status, notReady, risks, evidence }
}

/** Each scheduled job ran within its schedule without error, and events are consumed (one read). */
export const checkBackgroundWork: ReadinessCheck = async ({ container, now }): Promise<ReadinessLine> => {
  const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
  const runs = (await loyalty.listLoyaltyJobRuns({}, { take: 200 })) as unknown as JobRunRow[]
  const { status, notReady, risks, evidence } = judgeBackgroundWork(runs, now)
  return {
    id: "background_work",
    status,
    summary: notReady.length
      ? `Background work is not running as scheduled: ${notReady.join("; ")}`
      : risks.length
        ? `The worker runs, but ${risks.join("; ")}`
        : `All ${JOB_SCHEDULES.length} scheduled jobs ran within their schedule without error, and events are consumed`,
    evidence,
    fix_path: "/loyalty/go-live",
  }
}
