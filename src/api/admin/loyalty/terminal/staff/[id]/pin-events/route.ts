import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LOYALTY_TERMINAL_MODULE } from "../../../../../../../modules/loyalty-terminal"
import type LoyaltyTerminalModuleService from "../../../../../../../modules/loyalty-terminal/service"
import { terminalRoute } from "../../../../../../terminal/terminal-response"
import type { AdminListPinEventsType } from "../../../validators"

/** The staff member's PIN history (failures, locks, unlocks, resets), newest first, with device and actor. */
export const GET = terminalRoute(async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { limit, offset } = req.validatedQuery as AdminListPinEventsType
  const page = await req.scope.resolve<LoyaltyTerminalModuleService>(LOYALTY_TERMINAL_MODULE).listPinEvents(req.params.id, { limit, offset })
  res.json({ ...page, limit, offset })
})
