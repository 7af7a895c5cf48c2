import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LOYALTY_TERMINAL_MODULE } from "../../../../../modules/loyalty-terminal"
import type LoyaltyTerminalModuleService from "../../../../../modules/loyalty-terminal/service"
import { terminalRoute } from "../../../../terminal/terminal-response"
import type { AdminListTerminalDevicesType } from "../validators"

/** Paired devices, oldest first; `?stock_location_id=` for one store, `?revoked=false` without the revoked. */
export const GET = terminalRoute(async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { stock_location_id, revoked } = req.validatedQuery as AdminListTerminalDevicesType
  const terminal = req.scope.resolve<LoyaltyTerminalModuleService>(LOYALTY_TERMINAL_MODULE)
  const all = await terminal.listDevices({ stock_location_id })
  const devices = revoked === undefined ? all : all.filter((d) => !!d.revoked_at === (revoked === "true"))
  res.json({ devices, count: devices.length })
})
