import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LOYALTY_TERMINAL_MODULE } from "../../../../../../../modules/loyalty-terminal"
import type LoyaltyTerminalModuleService from "../../../../../../../modules/loyalty-terminal/service"
import { terminalRoute } from "../../../../../../terminal/terminal-response"
import { assertStockLocations } from "../../../stock-locations"

/** A single-use pairing code for a store (shown once, valid 10 minutes by default). */
export const POST = terminalRoute(async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { stock_location_id } = req.params
  await assertStockLocations(req.scope, [stock_location_id])
  const terminal = req.scope.resolve<LoyaltyTerminalModuleService>(LOYALTY_TERMINAL_MODULE)
  const { code, expires_at } = await terminal.createPairingCode({ stock_location_id, created_by: req.auth_context.actor_id })
  res.status(201).json({ pairing_code: { code, expires_at, stock_location_id } })
})
