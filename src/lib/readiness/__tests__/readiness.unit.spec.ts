import { readdirSync } from "node:fs"
import { join } from "node:path"
import { ADMIN_TRANSLATIONS } from "../admin-translations"
import { judgeBackgroundWork, type JobRunRow } from "../background-work"
import { cronIntervalSeconds } from "../cron-interval"
import { templateGaps } from "../email-templates"
import { JOB_SCHEDULES } from "../job-schedules"
import { translationGaps, translationsLine } from "../translations"
import { worstStatus } from "../types"

const NOW = new Date("2026-12-05T12:00:00Z")
const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000)

describe("cronIntervalSeconds", () => {
  it.each([
    ["* * * * *", 60],
    ["*/5 * * * *", 300],
    ["*/15 * * * *", 900],
    ["17 * * * *", 3600],
    ["41 3 * * *", 86_400],
    ["0 */6 * * *", 6 * 3600],
    ["0 0 * * 1", 7 * 86_400],
  ])("%s runs at least every %i s", (cron, seconds) => {
    expect(cronIntervalSeconds(cron)).toBe(seconds)
  })
})

describe("job schedules", () => {
  it("lists every job file of src/jobs, each with its interval", () => {
    const files = readdirSync(join(__dirname, "../../../jobs")).filter((f) => f.endsWith(".ts"))
    expect(JOB_SCHEDULES).toHaveLength(files.length)
    expect(JOB_SCHEDULES.find((j) => j.name === "rewardflow-expire-points")?.interval_seconds).toBe(3600)
    expect(JOB_SCHEDULES.find((j) => j.name === "rewardflow-retry-emails")?.interval_seconds).toBe(60)
  })
})

describe("templateGaps", () => {
  it("names the missing and the inactive templates", () => {
    const rows = [
      { key: "a", locale: "en", is_active: true },
      { key: "a", locale: "fr", is_active: false },
      { key: "b", locale: "en", is_active: true },
    ]
    expect(templateGaps(rows, ["a", "b"], ["en", "fr"])).toEqual({ expected: 4, missing: ["b (fr)"], inactive: ["a (fr)"] })
  })
})

describe("translations", () => {
  it("the admin's own texts are complete in the four locales", () => {
    expect(translationGaps(ADMIN_TRANSLATIONS).missing).toEqual({})
    expect(translationsLine(ADMIN_TRANSLATIONS, NOW).status).toBe("ready")
  })

  it("a key deleted from a broken copy, or left empty, is missing in that locale only", () => {
    const copy = JSON.parse(JSON.stringify(ADMIN_TRANSLATIONS))
    delete copy.de.common.save
    copy.lb.common.cancel = " "
    const gaps = translationGaps(copy)
    expect(gaps.missing).toEqual({ de: ["common.save"], lb: ["common.cancel"] })
    const line = translationsLine(copy, NOW)
    expect(line.status).toBe("not_ready")
    expect(line.summary).toBe("Admin texts are missing: 1 in de, 1 in lb")
  })

  it("a key only one locale has is missing in the others", () => {
    const copy = JSON.parse(JSON.stringify(ADMIN_TRANSLATIONS))
    copy.fr.extra = { title: "Titre" }
    expect(Object.keys(translationGaps(copy).missing).sort()).toEqual(["de", "en", "lb"])
  })
})

describe("judgeBackgroundWork", () => {
  const schedules = [
    { name: "hourly", schedule: "17 * * * *", interval_seconds: 3600 },
    { name: "rewardflow-readiness-heartbeat", schedule: "* * * * *", interval_seconds: 60 },
  ]
  const run = (name: string, started: Date, extra: Partial<JobRunRow> = {}): JobRunRow => ({
    name,
    last_started_at: started,
    last_finished_at: started,
    last_succeeded_at: started,
    last_failed_at: null,
    last_error: null,
    runs: 1,
    failures: 0,
    created_at: ago(86_400),
    ...extra,
  })
  const healthy = () => [run("hourly", ago(1800)), run("rewardflow-readiness-heartbeat", ago(30)), run("event-bus", ago(30))]

  it("is ready when each job started within twice its interval and a heartbeat was received", () => {
    expect(judgeBackgroundWork(healthy(), NOW, schedules).status).toBe("ready")
  })

  it("is not ready for a stale job, a failed last run, or no heartbeat received", () => {
    const stale = healthy().map((r) => (r.name === "hourly" ? run("hourly", ago(2 * 3600 + 120)) : r))
    expect(judgeBackgroundWork(stale, NOW, schedules).notReady).toEqual([expect.stringContaining("hourly last ran at")])
    const failed = healthy().map((r) => (r.name === "hourly" ? run("hourly", ago(60), { last_failed_at: ago(50), last_error: "boom" }) : r))
    expect(judgeBackgroundWork(failed, NOW, schedules).notReady).toEqual([expect.stringContaining("hourly failed at 2026-12-05T11:59:10.000Z: boom")])
    const deaf = healthy().filter((r) => r.name !== "event-bus")
    expect(judgeBackgroundWork(deaf, NOW, schedules).notReady).toEqual(["no heartbeat event was ever received: no worker consumes events"])
  })

  it("a job that never ran is a risk while the worker is younger than twice its interval, then not ready", () => {
    const young = [run("rewardflow-readiness-heartbeat", ago(30), { created_at: ago(600) }), run("event-bus", ago(30))]
    expect(judgeBackgroundWork(young, NOW, schedules)).toMatchObject({ status: "ready_with_risks", risks: [expect.stringContaining("hourly has not run yet")] })
    const old = [run("rewardflow-readiness-heartbeat", ago(30), { created_at: ago(3 * 3600) }), run("event-bus", ago(30))]
    expect(judgeBackgroundWork(old, NOW, schedules)).toMatchObject({ status: "not_ready", notReady: [expect.stringContaining("hourly never ran")] })
  })
})

describe("worstStatus", () => {
  it("is the worst line's", () => {
    expect(worstStatus(["ready", "ready_with_risks"])).toBe("ready_with_risks")
    expect(worstStatus(["ready", "not_ready", "ready_with_risks"])).toBe("not_ready")
    expect(worstStatus([])).toBe("ready")
  })
})
