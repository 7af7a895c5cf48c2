import type { MedusaResponse } from "@medusajs/framework/http"
import { syncOfflineItem, type SyncResult } from "../offline"
import { terminalRoute, type TerminalRequest } from "../terminal-response"
import type { TerminalSyncType } from "../validators"

/**
 * Uploads offline actions (device token only): each `{ action, sealed_signature }` is checked and
 * applied on its own, in order, and answered in `results` (same order): `applied` (with
 * `entry_id`), `replayed` (this client id was applied before) or `refused` (with `reason`; kept
 * for a manager to re-award or discard in the admin; a bad signature counts as a failed PIN).
 */
export const POST = terminalRoute(async (req: TerminalRequest<TerminalSyncType>, res: MedusaResponse) => {
  const results: SyncResult[] = []
  for (const item of req.validatedBody.actions) {
    results.push(await syncOfflineItem(req, req.terminal.device, item))
  }
  res.json({ results })
})
