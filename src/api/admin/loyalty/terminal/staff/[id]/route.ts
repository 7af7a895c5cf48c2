import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LOYALTY_TERMINAL_MODULE } from "../../../../../../modules/loyalty-terminal"
import type LoyaltyTerminalModuleService from "../../../../../../modules/loyalty-terminal/service"
import { terminalRoute } from "../../../../../terminal/terminal-response"
import { assertStockLocations } from "../../stock-locations"
import type { AdminUpdateTerminalStaffType } from "../../validators"

const service = (req: AuthenticatedMedusaRequest) => req.scope.resolve<LoyaltyTerminalModuleService>(LOYALTY_TERMINAL_MODULE)

export const GET = terminalRoute(async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ staff: await service(req).getStaff(req.params.id) })
})

/** Changes name, role, stores or the linked admin user (the PIN has its own route). */
export const POST = terminalRoute(async (req: AuthenticatedMedusaRequest<AdminUpdateTerminalStaffType>, res: MedusaResponse) => {
  if (req.validatedBody.stock_location_ids) await assertStockLocations(req.scope, req.validatedBody.stock_location_ids)
  res.json({ staff: await service(req).updateStaff(req.params.id, req.validatedBody) })
})
