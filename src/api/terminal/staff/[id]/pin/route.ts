import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LOYALTY_TERMINAL_MODULE } from "../../../../../modules/loyalty-terminal"
import { terminalRefusal } from "../../../../../modules/loyalty-terminal/lib/terminal-refusal"
import type LoyaltyTerminalModuleService from "../../../../../modules/loyalty-terminal/service"
import { changeOwnStaffPinWorkflow } from "../../../../../workflows/loyalty-terminal/workflows/change-own-staff-pin"
import { sealTransient } from "../../../../../lib/transient-secret"
import { pinRefusal } from "../../../pin-outcome"
import { requireManager, terminalRoute, tillContext } from "../../../terminal-response"
import type { TerminalChangeOwnPinType, TerminalResetPinType } from "../../../validators"

/**
 * `POST /terminal/staff/me/pin` { current_pin, pin }: the signed-in staff member changes their PIN.
 * `POST /terminal/staff/:id/pin` { pin }: a manager's session resets a cashier's PIN (in this store).
 */
export const POST = terminalRoute(async (req: MedusaRequest, res: MedusaResponse) => {
  const till = tillContext(req)
  const terminal = req.scope.resolve<LoyaltyTerminalModuleService>(LOYALTY_TERMINAL_MODULE)
  if (req.params.id === "me") {
    const { current_pin, pin } = req.validatedBody as TerminalChangeOwnPinType
    const { result } = await changeOwnStaffPinWorkflow(req.scope).run({
      input: { staff_id: till.staff.id, current_pin: sealTransient(current_pin), pin: sealTransient(pin), device_id: till.device.id, session_id: till.session.id },
    })
    if (!result.ok) throw pinRefusal(result)
    res.json({ staff: result.staff })
    return
  }
  requireManager(till)
  const target = await terminal.getStaff(req.params.id)
  if (!target.stock_location_ids.includes(till.stock_location_id)) {
    throw terminalRefusal("staff_not_in_store", `Staff member ${target.id} does not work in store ${till.stock_location_id}`, { staff_id: target.id, stock_location_id: till.stock_location_id })
  }
  // Without the current PIN, only a cashier's: a manager changes their own with /terminal/staff/me/pin.
  if (target.role === "manager") {
    throw terminalRefusal("not_allowed", "A manager's PIN is reset by an admin; change your own with POST /terminal/staff/me/pin")
  }
  const { pin } = req.validatedBody as TerminalResetPinType
  const staff = await terminal.setStaffPin({ staff_id: target.id, pin, type: "pin_reset", actor: { staff_id: till.staff.id, device_id: till.device.id }, keep_session_id: till.session.id })
  res.json({ staff })
})
