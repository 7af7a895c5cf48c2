import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { revokeTerminalDeviceWorkflow } from "../../../../../../../workflows/loyalty-terminal/workflows/revoke-terminal-device"
import { terminalRoute } from "../../../../../../terminal/terminal-response"

/** Revokes a device: every terminal route refuses it at once; emits loyalty.terminal_revoked. */
export const POST = terminalRoute(async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { result } = await revokeTerminalDeviceWorkflow(req.scope).run({ input: { device_id: req.params.id, user_id: req.auth_context.actor_id } })
  res.json({ device: result.device })
})
