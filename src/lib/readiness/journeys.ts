import { LOYALTY_MODULE } from "../../modules/loyalty"
import type LoyaltyModuleService from "../../modules/loyalty/service"
import type { ReadinessCheck, ReadinessLine } from "./types"

type JourneyResult = { name: string; passed: boolean; error?: string | null }

/**
 * The latest run of the user journeys (`npm run journeys`, recorded through
 * POST /admin/loyalty/readiness/journeys): passed is ready, failed is not ready naming the
 * journeys that failed, never run is ready with risks (nothing says they fail; nothing says they pass).
 */
export const checkJourneys: ReadinessCheck = async ({ container, now }): Promise<ReadinessLine> => {
  const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
  const [last] = await loyalty.listLoyaltyReadinessRecords({ kind: "journeys" }, { take: 1, order: { created_at: "DESC" } })
  const checked_at = now.toISOString()
  const base = { id: "journeys" as const, fix_path: "/loyalty/go-live" }
  if (!last) {
    return {
      ...base,
      status: "ready_with_risks",
      summary: "The user journeys have never been run: run `npm run journeys` against this store",
      evidence: [{ label: "Last journeys run", value: "none recorded", checked_at, source: "readiness record" }],
    }
  }
  const details = (last.details ?? {}) as { journeys?: JourneyResult[]; started_at?: string; finished_at?: string }
  const journeys = details.journeys ?? []
  const failed = journeys.filter((j) => !j.passed)
  const at = new Date(last.created_at as any).toISOString()
  return {
    ...base,
    status: last.passed && !failed.length ? "ready" : "not_ready",
    summary:
      last.passed && !failed.length
        ? `The last journeys run passed (${journeys.length} journeys, ${at})`
        : `The last journeys run failed: ${failed.length ? failed.map((j) => `${j.name}${j.error ? ` (${j.error})` : ""}`).join("; ") : "the run reported a failure"}`,
    evidence: [
      { label: "Last journeys run", value: last.passed && !failed.length ? "passed" : "failed", checked_at: at, source: "readiness record" },
      ...journeys.map((j) => ({ label: `Journey ${j.name}`, value: j.passed ? "passed" : `failed${j.error ? `: ${j.error}` : ""}`, checked_at: at })),
    ],
  }
}
