import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { recordReadinessStep, type RecordReadinessStepInput } from "../steps/record-readiness"

export const recordReadinessWorkflowId = "record-loyalty-readiness"

export type RecordReadinessWorkflowInput = RecordReadinessStepInput

/**
 * Records a check only a person or an outside tool can make: the real-device Wallet check, a
 * run of the user journeys.
 *
 * @example
 * const { result } = await recordReadinessWorkflow(container).run({ input: { kind: "wallet_device_check", passed: true, actor_user_id } })
 */
export const recordReadinessWorkflow = createWorkflow(recordReadinessWorkflowId, (input: RecordReadinessWorkflowInput) => {
  return new WorkflowResponse(recordReadinessStep(input))
})
