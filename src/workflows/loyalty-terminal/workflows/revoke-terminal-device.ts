import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { TerminalEvents } from "../../../modules/loyalty-terminal/events"
import { revokeTerminalDeviceStep } from "../steps/revoke-terminal-device"

export const revokeTerminalDeviceWorkflowId = "revoke-terminal-device"

export type RevokeTerminalDeviceWorkflowInput = { device_id: string; user_id: string | null }

/**
 * Revokes a paired device (every terminal route refuses it from now on, its sessions end) and
 * emits `loyalty.terminal_revoked` once.
 *
 * @example
 * const { result } = await revokeTerminalDeviceWorkflow(container).run({ input: { device_id, user_id } })
 */
export const revokeTerminalDeviceWorkflow = createWorkflow(revokeTerminalDeviceWorkflowId, (input: RevokeTerminalDeviceWorkflowInput) => {
  const result = revokeTerminalDeviceStep(input)
  when("if-revoked-now", { result }, ({ result }) => result.revoked_now).then(() => {
    emitEventStep({
      eventName: TerminalEvents.TERMINAL_REVOKED,
      data: transform({ result, input }, ({ result, input }) => ({
        id: result.device.id,
        stock_location_id: result.device.stock_location_id,
        user_id: input.user_id,
      })),
    })
  })
  return new WorkflowResponse(result)
})
