import type { MedusaResponse } from "@medusajs/framework/http"
import { LOYALTY_TERMINAL_MODULE } from "../../../modules/loyalty-terminal"
import type LoyaltyTerminalModuleService from "../../../modules/loyalty-terminal/service"
import { terminalRoute, type TerminalRequest } from "../terminal-response"

/**
 * The device's offline bundle (device token only, no session): for each staff member allowed in
 * its store and not locked, the offline key sealed under their PIN and its salt; the scrypt
 * parameters; the server's sync key; the expiry (option terminal.offlineBundleHours, default 24).
 * Never a PIN hash or a public key. 409 offline_not_configured without an encryption key.
 */
export const GET = terminalRoute(async (req: TerminalRequest, res: MedusaResponse) => {
  const bundle = await req.scope.resolve<LoyaltyTerminalModuleService>(LOYALTY_TERMINAL_MODULE).issueOfflineBundle(req.terminal.device)
  res.json({ bundle })
})
