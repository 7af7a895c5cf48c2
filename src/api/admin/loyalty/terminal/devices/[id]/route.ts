import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LOYALTY_TERMINAL_MODULE } from "../../../../../../modules/loyalty-terminal"
import type LoyaltyTerminalModuleService from "../../../../../../modules/loyalty-terminal/service"
import { terminalRoute } from "../../../../../terminal/terminal-response"
import type { AdminUpdateTerminalDeviceType } from "../../validators"

const service = (req: AuthenticatedMedusaRequest) => req.scope.resolve<LoyaltyTerminalModuleService>(LOYALTY_TERMINAL_MODULE)

export const GET = terminalRoute(async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ device: await service(req).getDevice(req.params.id) })
})

/** Renames a device. */
export const POST = terminalRoute(async (req: AuthenticatedMedusaRequest<AdminUpdateTerminalDeviceType>, res: MedusaResponse) => {
  res.json({ device: await service(req).renameDevice(req.params.id, req.validatedBody.name) })
})
