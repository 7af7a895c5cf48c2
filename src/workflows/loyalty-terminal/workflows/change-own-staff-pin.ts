import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { changeOwnStaffPinStep, type ChangeOwnStaffPinInput } from "../steps/change-own-staff-pin"
import { emitStaffPinLocked } from "./pin-locked-event"

export const changeOwnStaffPinWorkflowId = "change-own-staff-pin"

/**
 * A staff member changes their PIN from their session; a wrong current PIN counts (and a lock
 * emits `loyalty.staff_pin_locked`).
 *
 * @example
 * const { result } = await changeOwnStaffPinWorkflow(container).run({ input: { staff_id, current_pin: sealTransient(currentPin), pin: sealTransient(newPin), device_id, session_id } })
 */
export const changeOwnStaffPinWorkflow = createWorkflow(changeOwnStaffPinWorkflowId, (input: ChangeOwnStaffPinInput) => {
  const changed = changeOwnStaffPinStep(input)
  emitStaffPinLocked(
    "change-own-pin",
    transform({ changed, input }, ({ changed, input }) => ({
      locked_now: (changed as { locked_now?: boolean }).locked_now === true,
      staff_id: input.staff_id,
      locked_until: (changed as { locked_until?: Date }).locked_until ?? null,
      lock_count: (changed as { lock_count?: number }).lock_count ?? 0,
      device_id: input.device_id,
    }))
  )
  return new WorkflowResponse(changed)
})
