import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_TERMINAL_MODULE } from "../../../modules/loyalty-terminal"
import type LoyaltyTerminalModuleService from "../../../modules/loyalty-terminal/service"
import { openTransient, sealTransient, type TransientSecret } from "../../../lib/transient-secret"

export const changeOwnStaffPinStepId = "change-own-staff-pin"

/** Both PINs come sealed (`sealTransient`): no checkpoint holds them. */
export type ChangeOwnStaffPinInput = { staff_id: string; current_pin: TransientSecret; pin: TransientSecret; device_id: string; session_id: string }

/**
 * A staff member's own PIN change: the current PIN is checked and counted like a sign-in.
 * No compensation: a failed check must count.
 *
 * @example
 * const changed = changeOwnStaffPinStep({ staff_id, current_pin: sealTransient(currentPin), pin: sealTransient(newPin), device_id, session_id })
 */
export const changeOwnStaffPinStep = createStep(changeOwnStaffPinStepId, async (input: ChangeOwnStaffPinInput, { container }) => {
  const terminal = container.resolve<LoyaltyTerminalModuleService>(LOYALTY_TERMINAL_MODULE)
  return new StepResponse(await terminal.changeOwnPin({ ...input, current_pin: openTransient(input.current_pin, "current_pin"), pin: openTransient(input.pin, "pin") }))
})
