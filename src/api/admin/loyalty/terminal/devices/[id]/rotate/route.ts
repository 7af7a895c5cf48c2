import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LOYALTY_TERMINAL_MODULE } from "../../../../../../../modules/loyalty-terminal"
import type LoyaltyTerminalModuleService from "../../../../../../../modules/loyalty-terminal/service"
import { terminalRoute } from "../../../../../../terminal/terminal-response"

/** A new device token, shown once; the old one is refused at once. */
export const POST = terminalRoute(async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { device, token } = await req.scope.resolve<LoyaltyTerminalModuleService>(LOYALTY_TERMINAL_MODULE).rotateDeviceToken(req.params.id)
  res.json({ device, token })
})
