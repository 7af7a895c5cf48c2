import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LOYALTY_TERMINAL_MODULE } from "../../../modules/loyalty-terminal"
import type LoyaltyTerminalModuleService from "../../../modules/loyalty-terminal/service"
import { terminalRoute } from "../terminal-response"
import type { TerminalPairType } from "../validators"

/** A tablet trades a pairing code for its device and token (shown once). Wrong codes are rate-limited per address. */
export const POST = terminalRoute(async (req: MedusaRequest<TerminalPairType>, res: MedusaResponse) => {
  const terminal = req.scope.resolve<LoyaltyTerminalModuleService>(LOYALTY_TERMINAL_MODULE)
  const { code, name } = req.validatedBody
  const { device, token } = await terminal.pairDevice({ code, name, ip: req.ip ?? req.socket?.remoteAddress ?? "unknown" })
  res.status(201).json({ device, token })
})
