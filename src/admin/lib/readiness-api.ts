import type { ReadinessLine, ReadinessStatus } from "../../lib/readiness/types"
import { sdk } from "./sdk"

// The server's own types of the board (type-only: nothing of the server reaches the admin bundle).
export type { ReadinessEvidence, ReadinessLine, ReadinessStatus } from "../../lib/readiness/types"

/** `GET /admin/loyalty/readiness`. */
export type Readiness = {
  status: ReadinessStatus
  checked_at: string
  went_live_at: string | null
  went_live_by: string | null
  lines: ReadinessLine[]
}

export type TestDataCounts = { accounts: number; entries: number; orders: number }
export type CleanUpResult = { removed: Record<string, number>; invariants: { drift: number } & Record<string, unknown> }
export type GoLiveResult = { went_live_at: string; went_live_by: string; removed: Record<string, number> }

export const readinessKeys = {
  all: ["rewardflow", "readiness"] as const,
  board: ["rewardflow", "readiness", "board"] as const,
  testData: ["rewardflow", "readiness", "test-data"] as const,
  salesChannels: ["rewardflow", "readiness", "sales-channels"] as const,
}

export const fetchReadiness = () => sdk.client.fetch<Readiness>("/admin/loyalty/readiness")

/** Records that a person saw the right balance on a pass saved on a phone. */
export async function recordWalletDeviceCheck(note: string) {
  const body = note.trim() ? { note: note.trim() } : {}
  return await sdk.client.fetch<{ record: unknown }>("/admin/loyalty/readiness/wallet-device-check", { method: "POST", body })
}

export const fetchTestDataCounts = () => sdk.client.fetch<TestDataCounts>("/admin/loyalty/test-data")

export const cleanUpTestData = () =>
  sdk.client.fetch<CleanUpResult>("/admin/loyalty/test-data/clean-up", { method: "POST", body: { confirm: true } })

/** Goes live on these channels; a 409 (a line not ready) throws with the server's message naming the lines. */
export const goLive = (sales_channel_ids: string[]) =>
  sdk.client.fetch<GoLiveResult>("/admin/loyalty/go-live", { method: "POST", body: { confirm: true, sales_channel_ids } })
