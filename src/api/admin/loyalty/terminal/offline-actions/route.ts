import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LOYALTY_TERMINAL_MODULE } from "../../../../../modules/loyalty-terminal"
import type LoyaltyTerminalModuleService from "../../../../../modules/loyalty-terminal/service"
import { terminalRoute } from "../../../../terminal/terminal-response"
import type { AdminListOfflineActionsType } from "../validators"

/** Actions tablets uploaded at POST /terminal/sync, newest first (`?status=pending_review` for those waiting for a manager). */
export const GET = terminalRoute(async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { status, stock_location_id, limit, offset } = req.validatedQuery as AdminListOfflineActionsType
  const page = await req.scope.resolve<LoyaltyTerminalModuleService>(LOYALTY_TERMINAL_MODULE).listOfflineActions({ status, stock_location_id, limit, offset })
  res.json({ ...page, limit, offset })
})
