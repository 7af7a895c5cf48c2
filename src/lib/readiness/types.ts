import type { MedusaContainer } from "@medusajs/framework/types"

/** How far one line of the go-live board is from launch. */
export type ReadinessStatus = "ready" | "ready_with_risks" | "not_ready"

/** The board's lines, in the order it shows them. */
export const READINESS_LINE_IDS = [
  "email_templates",
  "email_delivery",
  "google_wallet",
  "database",
  "translations",
  "template_editors",
  "journeys",
  "program",
  "test_data",
  "background_work",
] as const
export type ReadinessLineId = (typeof READINESS_LINE_IDS)[number]

/** One thing that was checked: what (`label`, an English sentence), the value found, when and where from. */
export type ReadinessEvidence = { label: string; value: string | number | boolean | null; checked_at?: string; source?: string }

/** One line of the board: its status, why in one sentence, the evidence, the admin screen that fixes it. */
export type ReadinessLine = {
  id: ReadinessLineId
  status: ReadinessStatus
  summary: string
  evidence: ReadinessEvidence[]
  fix_path: string
}

/** What each line's check gets: the container and the moment of the check. */
export type ReadinessContext = { container: MedusaContainer; now: Date }

/** A line's check: reads only, and cheaply (the board answers on every visit). */
export type ReadinessCheck = (ctx: ReadinessContext) => Promise<ReadinessLine>

const RANK: Record<ReadinessStatus, number> = { ready: 0, ready_with_risks: 1, not_ready: 2 }

/** The worse of the statuses (the board's status is its worst line's). */
export function worstStatus(statuses: ReadinessStatus[]): ReadinessStatus {
  return statuses.reduce<ReadinessStatus>((worst, s) => (RANK[s] > RANK[worst] ? s : worst), "ready")
}
