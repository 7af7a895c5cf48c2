import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LOYALTY_TERMINAL_MODULE } from "../../../../../modules/loyalty-terminal"
import type LoyaltyTerminalModuleService from "../../../../../modules/loyalty-terminal/service"
import { terminalRoute } from "../../../../terminal/terminal-response"
import { assertStockLocations } from "../stock-locations"
import type { AdminCreateTerminalStaffType, AdminListTerminalStaffType } from "../validators"

const service = (req: AuthenticatedMedusaRequest) => req.scope.resolve<LoyaltyTerminalModuleService>(LOYALTY_TERMINAL_MODULE)

/** Staff members (with their lock state; never a PIN). `?stock_location_id=` for one store. */
export const GET = terminalRoute(async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { stock_location_id } = req.validatedQuery as AdminListTerminalStaffType
  const staff = await service(req).listStaff({ stock_location_id })
  res.json({ staff, count: staff.length })
})

/** Creates a staff member with their PIN (checked against the PIN rules, stored as a scrypt hash). */
export const POST = terminalRoute(async (req: AuthenticatedMedusaRequest<AdminCreateTerminalStaffType>, res: MedusaResponse) => {
  const { name, role, stock_location_ids, user_id, pin } = req.validatedBody
  await assertStockLocations(req.scope, stock_location_ids)
  const staff = await service(req).createStaff({ name, role, stock_location_ids, user_id: user_id ?? null, pin })
  res.status(201).json({ staff })
})
