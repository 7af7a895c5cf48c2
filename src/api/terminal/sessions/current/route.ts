import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LOYALTY_TERMINAL_MODULE } from "../../../../modules/loyalty-terminal"
import type LoyaltyTerminalModuleService from "../../../../modules/loyalty-terminal/service"
import { terminalRoute, tillContext } from "../../terminal-response"

/** The signed-in staff member and the session's end. */
export const GET = terminalRoute(async (req: MedusaRequest, res: MedusaResponse) => {
  const { session, staff } = tillContext(req)
  res.json({ session: { id: session.id, staff, device_id: session.device_id, expires_at: session.expires_at } })
})

/** Signs the staff member out: the session token is refused from now on. */
export const DELETE = terminalRoute(async (req: MedusaRequest, res: MedusaResponse) => {
  const { session } = tillContext(req)
  await req.scope.resolve<LoyaltyTerminalModuleService>(LOYALTY_TERMINAL_MODULE).endSession(session.id, "signed_out")
  res.json({ id: session.id, object: "terminal_session", deleted: true })
})
