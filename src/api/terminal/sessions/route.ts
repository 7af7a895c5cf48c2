import type { MedusaResponse } from "@medusajs/framework/http"
import { openTerminalSessionWorkflow } from "../../../workflows/loyalty-terminal/workflows/open-terminal-session"
import { openTransient, sealTransient } from "../../../lib/transient-secret"
import { pinRefusal } from "../pin-outcome"
import { terminalRoute, type TerminalRequest } from "../terminal-response"
import type { TerminalOpenSessionType } from "../validators"

/** A staff member signs in on the device with their PIN; the token goes in header X-Terminal-Session. */
export const POST = terminalRoute(async (req: TerminalRequest<TerminalOpenSessionType>, res: MedusaResponse) => {
  const { staff_id, pin } = req.validatedBody
  const { result } = await openTerminalSessionWorkflow(req.scope).run({ input: { device: req.terminal.device, staff_id, pin: sealTransient(pin) } })
  if (!result.outcome.ok) throw pinRefusal(result.outcome)
  res.status(201).json({
    session: { id: result.session!.id, staff: result.outcome.staff, device_id: result.session!.device_id, expires_at: result.session!.expires_at },
    token: openTransient(result.token!, "token"),
  })
})
