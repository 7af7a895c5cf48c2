import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LOYALTY_TERMINAL_MODULE } from "../../../../../../../modules/loyalty-terminal"
import type LoyaltyTerminalModuleService from "../../../../../../../modules/loyalty-terminal/service"
import { terminalRoute } from "../../../../../../terminal/terminal-response"
import type { AdminResetTerminalPinType } from "../../../validators"

/** An admin sets a new PIN (the staff member's open sessions end; the lock state is unchanged). */
export const POST = terminalRoute(async (req: AuthenticatedMedusaRequest<AdminResetTerminalPinType>, res: MedusaResponse) => {
  const staff = await req.scope
    .resolve<LoyaltyTerminalModuleService>(LOYALTY_TERMINAL_MODULE)
    .setStaffPin({ staff_id: req.params.id, pin: req.validatedBody.pin, type: "pin_reset", actor: { user_id: req.auth_context.actor_id } })
  res.json({ staff })
})
