import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_TERMINAL_MODULE } from "../../../modules/loyalty-terminal"
import type LoyaltyTerminalModuleService from "../../../modules/loyalty-terminal/service"
import type { TerminalDeviceView } from "../../../modules/loyalty-terminal/types"
import { openTransient, sealTransient, type TransientSecret } from "../../../lib/transient-secret"

export const openTerminalSessionStepId = "open-terminal-session"

/**
 * Checks the staff member's PIN on a device and opens a session when it is right. The PIN comes
 * and the session token goes sealed for this process only (src/lib/transient-secret.ts). No
 * compensation: a failed PIN must count even when a later step fails.
 *
 * @example
 * const opened = openTerminalSessionStep({ device, staff_id, pin: sealTransient(pin) })
 */
export const openTerminalSessionStep = createStep(openTerminalSessionStepId, async (input: { device: TerminalDeviceView; staff_id: string; pin: TransientSecret }, { container }) => {
  const terminal = container.resolve<LoyaltyTerminalModuleService>(LOYALTY_TERMINAL_MODULE)
  const opened = await terminal.openSession({ ...input, pin: openTransient(input.pin, "pin") })
  return new StepResponse({ ...opened, token: opened.token ? sealTransient(opened.token) : null })
})
