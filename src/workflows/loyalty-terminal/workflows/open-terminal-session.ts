import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { TerminalDeviceView } from "../../../modules/loyalty-terminal/types"
import type { TransientSecret } from "../../../lib/transient-secret"
import { openTerminalSessionStep } from "../steps/open-terminal-session"
import { emitStaffPinLocked } from "./pin-locked-event"

export const openTerminalSessionWorkflowId = "open-terminal-session"

/** The PIN comes sealed (`sealTransient`) and the token goes out sealed: no checkpoint holds either. */
export type OpenTerminalSessionWorkflowInput = { device: TerminalDeviceView; staff_id: string; pin: TransientSecret }

/**
 * Signs a staff member in on a device with their PIN. The result says how the PIN check went
 * (`outcome`); a session and its token come only with a right PIN. A failure that locks the PIN
 * emits `loyalty.staff_pin_locked`.
 *
 * @example
 * const { result } = await openTerminalSessionWorkflow(container).run({ input: { device, staff_id, pin: sealTransient(pin) } })
 */
export const openTerminalSessionWorkflow = createWorkflow(openTerminalSessionWorkflowId, (input: OpenTerminalSessionWorkflowInput) => {
  const opened = openTerminalSessionStep(input)
  emitStaffPinLocked(
    "open-session",
    transform({ opened, input }, ({ opened, input }) => ({
      locked_now: !opened.outcome.ok && opened.outcome.locked_now,
      staff_id: input.staff_id,
      locked_until: opened.outcome.ok ? null : (opened.outcome as { locked_until?: Date }).locked_until ?? null,
      lock_count: opened.outcome.ok ? 0 : (opened.outcome as { lock_count?: number }).lock_count ?? 0,
      device_id: input.device.id,
    }))
  )
  return new WorkflowResponse(opened)
})
