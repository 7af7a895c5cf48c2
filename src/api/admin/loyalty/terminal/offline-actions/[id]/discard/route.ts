import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LOYALTY_TERMINAL_MODULE } from "../../../../../../../modules/loyalty-terminal"
import type LoyaltyTerminalModuleService from "../../../../../../../modules/loyalty-terminal/service"
import { terminalRoute } from "../../../../../../terminal/terminal-response"
import type { AdminDiscardOfflineActionType } from "../../../validators"

/** Discards an offline action waiting for review, with the reason; the admin is recorded. */
export const POST = terminalRoute(async (req: AuthenticatedMedusaRequest<AdminDiscardOfflineActionType>, res: MedusaResponse) => {
  const offline_action = await req.scope
    .resolve<LoyaltyTerminalModuleService>(LOYALTY_TERMINAL_MODULE)
    .resolveOfflineAction(req.params.id, { status: "discarded", resolved_by: req.auth_context.actor_id, note: req.validatedBody.reason })
  res.json({ offline_action })
})
