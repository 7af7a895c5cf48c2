import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LOYALTY_TERMINAL_MODULE } from "../../../../../../../modules/loyalty-terminal"
import type { OfflineAction } from "../../../../../../../modules/loyalty-terminal/lib/offline"
import { terminalRefusal } from "../../../../../../../modules/loyalty-terminal/lib/terminal-refusal"
import type LoyaltyTerminalModuleService from "../../../../../../../modules/loyalty-terminal/service"
import { applyOfflineAward } from "../../../../../../terminal/offline"
import { terminalRoute } from "../../../../../../terminal/terminal-response"

/**
 * Re-awards an offline action waiting for review: the award goes through the till's workflow (the
 * receipt number is still the key per store, the caps apply), its entry names the action's device
 * and staff member, and the action records the admin who approved it (`resolved_by`).
 */
export const POST = terminalRoute(async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const service = req.scope.resolve<LoyaltyTerminalModuleService>(LOYALTY_TERMINAL_MODULE)
  const row = await service.getOfflineAction(req.params.id)
  if (row.status !== "pending_review") throw terminalRefusal("offline_action_resolved", `Offline action ${row.id} is ${row.status} already`, { status: row.status })
  if (row.type !== "award") throw terminalRefusal("offline_action_unsupported", `Offline actions of type ${row.type} cannot be re-awarded`, { type: row.type })
  // The admin's decision is the approval an award above the threshold needs.
  const applied = await applyOfflineAward(req, row.action as unknown as OfflineAction, row.stock_location_id, null, req.auth_context.actor_id)
  if ("refused" in applied) {
    // The ledger's or the terminal's own refusal (its status and figures), else the payload's.
    throw applied.refused.error ?? terminalRefusal("offline_action_invalid", applied.refused.message, { field: "payload" })
  }
  const offline_action = await service.resolveOfflineAction(row.id, { status: "applied", entry_id: applied.entry_id, resolved_by: req.auth_context.actor_id, note: null })
  res.json({ offline_action, entry_id: applied.entry_id, replayed: applied.replayed })
})
