import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updateLoyaltyProgramWorkflow } from "../../loyalty/workflows/update-loyalty-program"
import { assertReadyToGoLiveStep } from "../steps/assert-ready-to-go-live"
import { recordReadinessStep } from "../steps/record-readiness"
import { stampGoLiveStep } from "../steps/stamp-go-live"
import { cleanUpTestDataWorkflow } from "./clean-up-test-data"

export const goLiveWorkflowId = "loyalty-go-live"

export type GoLiveWorkflowInput = { sales_channel_ids: string[]; actor_user_id: string | null }

/**
 * The launch, in one confirmed action: refused (reason `not_ready`, naming the lines) while a
 * line of the go-live board is not ready; otherwise cleans up test data, makes the program
 * active on the chosen sales channels (the program update workflow), stamps `went_live_at` /
 * `went_live_by` and records a `go_live` readiness record.
 *
 * @example
 * const { result } = await goLiveWorkflow(container).run({ input: { sales_channel_ids: ["sc_1"], actor_user_id } })
 */
export const goLiveWorkflow = createWorkflow(goLiveWorkflowId, (input: GoLiveWorkflowInput) => {
  const ready = assertReadyToGoLiveStep()
  const cleanup = cleanUpTestDataWorkflow.runAsStep({ input: transform({ input }, ({ input }) => ({ actor_user_id: input.actor_user_id })) })
  const program = updateLoyaltyProgramWorkflow.runAsStep({
    input: transform({ input, ready }, ({ input, ready }) => ({ id: ready.program_id, status: "active" as const, sales_channel_ids: input.sales_channel_ids })),
  })
  const stamp = stampGoLiveStep(
    transform({ input, ready }, ({ input, ready }) => ({ program_id: ready.program_id, went_live_at: new Date().toISOString(), went_live_by: input.actor_user_id }))
  )
  recordReadinessStep(
    transform({ input, ready, cleanup, stamp }, ({ input, ready, cleanup, stamp }) => ({
      kind: "go_live" as const,
      passed: true,
      actor_user_id: input.actor_user_id,
      details: { sales_channel_ids: input.sales_channel_ids, went_live_at: stamp.went_live_at, board: ready.lines, removed: cleanup.removed, invariants: cleanup.invariants },
    }))
  )
  return new WorkflowResponse(
    transform({ program, stamp, cleanup }, ({ program, stamp, cleanup }) => ({
      program_id: (program as { id: string }).id,
      went_live_at: stamp.went_live_at,
      went_live_by: stamp.went_live_by,
      removed: cleanup.removed,
      invariants: cleanup.invariants,
    }))
  )
})
