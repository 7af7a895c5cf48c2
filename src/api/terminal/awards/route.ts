import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LOYALTY_TERMINAL_MODULE } from "../../../modules/loyalty-terminal"
import { terminalRefusal } from "../../../modules/loyalty-terminal/lib/terminal-refusal"
import type LoyaltyTerminalModuleService from "../../../modules/loyalty-terminal/service"
import { awardTerminalReceiptWorkflow } from "../../../workflows/loyalty-till/workflows/till"
import { pinRefusal } from "../pin-outcome"
import { terminalRoute, tillContext } from "../terminal-response"
import { tillAccount } from "../till"

type Body = { account_id: string; receipt_number: string; amount: number; currency_code: string; manager?: { staff_id: string; pin: string } }

/**
 * Points for an in-store receipt. The receipt number is the key per store: the same receipt again
 * returns the first award (200, `replayed: true`); 201 for a new one. Above the approval threshold
 * a manager's PIN (`manager: { staff_id, pin }`, checked like any PIN: a wrong one counts toward
 * their lockout) must come too, unless the session is a manager's.
 */
export const POST = terminalRoute(async (req: MedusaRequest<Body>, res: MedusaResponse) => {
  const terminal = tillContext(req)
  const body = req.validatedBody as Body
  const account = await tillAccount(req, body.account_id)
  let approvedBy: string | null = terminal.staff.role === "manager" ? terminal.staff.id : null
  if (body.manager) {
    const terminals: LoyaltyTerminalModuleService = req.scope.resolve(LOYALTY_TERMINAL_MODULE)
    const outcome = await terminals.checkPin({ staff_id: body.manager.staff_id, pin: body.manager.pin, device_id: terminal.device.id })
    if (!outcome.ok) throw pinRefusal(outcome)
    if (outcome.staff.role !== "manager") throw terminalRefusal("manager_required", "The approving PIN must be a manager's")
    if (!outcome.staff.stock_location_ids.includes(terminal.stock_location_id)) {
      throw terminalRefusal("staff_not_in_store", "The approving manager may not work in this store", { staff_id: outcome.staff.id, stock_location_id: terminal.stock_location_id })
    }
    approvedBy = outcome.staff.id
  }
  const { result } = await awardTerminalReceiptWorkflow(req.scope).run({
    input: {
      account_id: account.id,
      customer_id: account.customer_id,
      stock_location_id: terminal.stock_location_id,
      receipt_number: body.receipt_number,
      amount: body.amount,
      currency_code: body.currency_code,
      actor: { device_id: terminal.device.id, staff_id: terminal.staff.id },
      approved_by_staff_id: approvedBy,
    },
  })
  res.status(result.replayed ? 200 : 201).json({ entry: result.entry, balance: result.balance, points_owed: result.points_owed, replayed: result.replayed })
})
