import type { MedusaResponse } from "@medusajs/framework/http"
import { LOYALTY_TERMINAL_MODULE } from "../../../modules/loyalty-terminal"
import type LoyaltyTerminalModuleService from "../../../modules/loyalty-terminal/service"
import { terminalRoute, type TerminalRequest } from "../terminal-response"

/** The staff allowed in the device's store, for the sign-in screen (names, roles, locks; never a PIN). */
export const GET = terminalRoute(async (req: TerminalRequest, res: MedusaResponse) => {
  const terminal = req.scope.resolve<LoyaltyTerminalModuleService>(LOYALTY_TERMINAL_MODULE)
  const staff = await terminal.listStaff({ stock_location_id: req.terminal.stock_location_id })
  res.json({ staff: staff.map(({ id, name, role, locked_until }) => ({ id, name, role, locked_until })) })
})
