import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LOYALTY_TERMINAL_MODULE } from "../../../../../../../modules/loyalty-terminal"
import type LoyaltyTerminalModuleService from "../../../../../../../modules/loyalty-terminal/service"
import { terminalRoute } from "../../../../../../terminal/terminal-response"

/** Lifts a PIN lock and clears the failures; the acting admin is recorded. */
export const POST = terminalRoute(async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const staff = await req.scope.resolve<LoyaltyTerminalModuleService>(LOYALTY_TERMINAL_MODULE).unlockStaff(req.params.id, { user_id: req.auth_context.actor_id })
  res.json({ staff })
})
