import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_TERMINAL_MODULE } from "../../../modules/loyalty-terminal"
import type LoyaltyTerminalModuleService from "../../../modules/loyalty-terminal/service"

export const revokeTerminalDeviceStepId = "revoke-terminal-device"

/**
 * Revokes a device and ends its sessions. No compensation: a revocation is a security action
 * and is never undone by a later failure (pair the tablet again instead).
 *
 * @example
 * const { device, revoked_now } = revokeTerminalDeviceStep({ device_id, user_id })
 */
export const revokeTerminalDeviceStep = createStep(revokeTerminalDeviceStepId, async (input: { device_id: string; user_id: string | null }, { container }) => {
  const terminal = container.resolve<LoyaltyTerminalModuleService>(LOYALTY_TERMINAL_MODULE)
  return new StepResponse(await terminal.revokeDevice(input.device_id, input.user_id))
})
