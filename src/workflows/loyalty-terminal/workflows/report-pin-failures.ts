import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { ReportedAttempt } from "../../../modules/loyalty-terminal/types"
import { reportPinFailuresStep } from "../steps/report-pin-failures"
import { emitStaffPinLocked } from "./pin-locked-event"

export const reportPinFailuresWorkflowId = "report-terminal-pin-failures"

export type ReportPinFailuresWorkflowInput = { staff_id: string; device_id: string; attempts: ReportedAttempt[] }

/**
 * Counts failures a tablet reports toward the staff member's lockout (idempotent by attempt id)
 * and emits `loyalty.staff_pin_locked` when they lock the PIN.
 *
 * @example
 * const { result } = await reportPinFailuresWorkflow(container).run({ input: { staff_id, device_id, attempts } })
 */
export const reportPinFailuresWorkflow = createWorkflow(reportPinFailuresWorkflowId, (input: ReportPinFailuresWorkflowInput) => {
  const report = reportPinFailuresStep(input)
  emitStaffPinLocked(
    "report-failures",
    transform({ report, input }, ({ report, input }) => ({
      locked_now: report.locked_now,
      staff_id: input.staff_id,
      locked_until: report.staff.locked_until,
      lock_count: report.staff.lock_count,
      device_id: input.device_id,
    }))
  )
  return new WorkflowResponse(report)
})
