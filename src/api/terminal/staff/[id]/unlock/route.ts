import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LOYALTY_TERMINAL_MODULE } from "../../../../../modules/loyalty-terminal"
import { terminalRefusal } from "../../../../../modules/loyalty-terminal/lib/terminal-refusal"
import type LoyaltyTerminalModuleService from "../../../../../modules/loyalty-terminal/service"
import { requireManager, terminalRoute, tillContext } from "../../../terminal-response"

/** A manager's session unlocks the PIN of a staff member of this store; the manager and device are recorded. */
export const POST = terminalRoute(async (req: MedusaRequest, res: MedusaResponse) => {
  const till = tillContext(req)
  requireManager(till)
  const terminal = req.scope.resolve<LoyaltyTerminalModuleService>(LOYALTY_TERMINAL_MODULE)
  const target = await terminal.getStaff(req.params.id)
  if (!target.stock_location_ids.includes(till.stock_location_id)) {
    throw terminalRefusal("staff_not_in_store", `Staff member ${target.id} does not work in store ${till.stock_location_id}`, { staff_id: target.id, stock_location_id: till.stock_location_id })
  }
  const staff = await terminal.unlockStaff(target.id, { staff_id: till.staff.id, device_id: till.device.id })
  res.json({ staff })
})
