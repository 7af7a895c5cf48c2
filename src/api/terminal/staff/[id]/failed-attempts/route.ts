import type { MedusaResponse } from "@medusajs/framework/http"
import { LOYALTY_TERMINAL_MODULE } from "../../../../../modules/loyalty-terminal"
import { terminalRefusal } from "../../../../../modules/loyalty-terminal/lib/terminal-refusal"
import type LoyaltyTerminalModuleService from "../../../../../modules/loyalty-terminal/service"
import { reportPinFailuresWorkflow } from "../../../../../workflows/loyalty-terminal/workflows/report-pin-failures"
import { terminalRoute, type TerminalRequest } from "../../../terminal-response"
import type { TerminalReportFailuresType } from "../../../validators"

/**
 * A tablet reports PIN failures it saw locally (no session needed); they count toward the same
 * lockout as online ones, each `attempt_id` once however often it is sent.
 */
export const POST = terminalRoute(async (req: TerminalRequest<TerminalReportFailuresType>, res: MedusaResponse) => {
  const terminal = req.scope.resolve<LoyaltyTerminalModuleService>(LOYALTY_TERMINAL_MODULE)
  const target = await terminal.getStaff(req.params.id)
  if (!target.stock_location_ids.includes(req.terminal.stock_location_id)) {
    throw terminalRefusal("staff_not_in_store", `Staff member ${target.id} does not work in store ${req.terminal.stock_location_id}`, { staff_id: target.id, stock_location_id: req.terminal.stock_location_id })
  }
  const { result } = await reportPinFailuresWorkflow(req.scope).run({
    input: { staff_id: target.id, device_id: req.terminal.device.id, attempts: req.validatedBody.attempts },
  })
  res.json({
    counted: result.counted,
    duplicates: result.duplicates,
    attempts_left: result.attempts_left,
    locked_until: result.staff.locked_until,
  })
})
