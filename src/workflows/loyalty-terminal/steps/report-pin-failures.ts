import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_TERMINAL_MODULE } from "../../../modules/loyalty-terminal"
import type LoyaltyTerminalModuleService from "../../../modules/loyalty-terminal/service"
import type { ReportedAttempt } from "../../../modules/loyalty-terminal/types"

export const reportPinFailuresStepId = "report-pin-failures"

/**
 * Counts failed PINs a tablet saw locally toward the server's lockout (each attempt id once).
 * No compensation: a counted failure stays counted.
 *
 * @example
 * const report = reportPinFailuresStep({ staff_id, device_id, attempts: [{ attempt_id, at }] })
 */
export const reportPinFailuresStep = createStep(reportPinFailuresStepId, async (input: { staff_id: string; device_id: string; attempts: ReportedAttempt[] }, { container }) => {
  const terminal = container.resolve<LoyaltyTerminalModuleService>(LOYALTY_TERMINAL_MODULE)
  return new StepResponse(await terminal.reportPinFailures(input))
})
