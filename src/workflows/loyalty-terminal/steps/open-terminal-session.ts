import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_TERMINAL_MODULE } from "../../../modules/loyalty-terminal"
import type LoyaltyTerminalModuleService from "../../../modules/loyalty-terminal/service"
import type { TerminalDeviceView } from "../../../modules/loyalty-terminal/types"

export const openTerminalSessionStepId = "open-terminal-session"

/**
 * Checks the staff member's PIN on a device and opens a session when it is right. No
 * compensation: a failed PIN must count even when a later step fails.
 *
 * @example
 * const opened = openTerminalSessionStep({ device, staff_id, pin })
 */
export const openTerminalSessionStep = createStep(openTerminalSessionStepId, async (input: { device: TerminalDeviceView; staff_id: string; pin: string }, { container }) => {
  const terminal = container.resolve<LoyaltyTerminalModuleService>(LOYALTY_TERMINAL_MODULE)
  return new StepResponse(await terminal.openSession(input))
})
