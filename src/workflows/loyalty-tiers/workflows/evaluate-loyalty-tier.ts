import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { LoyaltyEvents } from "../../../modules/loyalty/events"
import { evaluateTierStep } from "../steps/evaluate-tier"
import { measureTierValueStep, type MeasureTierValueInput } from "../steps/measure-tier-value"

export const evaluateLoyaltyTierWorkflowId = "evaluate-loyalty-tier"

export type EvaluateLoyaltyTierWorkflowInput = MeasureTierValueInput

/**
 * Evaluates a member's tier now (`now`: ISO string, default the current time) and emits
 * `loyalty.tier_changed` once per move. Runs after points are earned or taken back, and daily
 * for every member holding a tier (the grace period's end). Idempotent: running it again, or
 * twice at once, moves the member once.
 *
 * @example
 * await evaluateLoyaltyTierWorkflow(container).run({ input: { account_id, trigger: "job", now: new Date().toISOString() } })
 */
export const evaluateLoyaltyTierWorkflow = createWorkflow(evaluateLoyaltyTierWorkflowId, (input: EvaluateLoyaltyTierWorkflowInput) => {
  const evaluation = evaluateTierStep(measureTierValueStep(input))
  emitEventStep({
    eventName: LoyaltyEvents.TIER_CHANGED,
    data: transform({ evaluation }, ({ evaluation }) => {
      const change = evaluation.change
      if (!change) return []
      return [
        {
          id: evaluation.account_id,
          customer_id: evaluation.customer_id,
          from_tier_id: change.from_tier_id,
          to_tier_id: change.to_tier_id,
          direction: change.direction,
          change_id: change.id,
          qualifying_value: change.qualifying_value,
        },
      ]
    }),
  })
  return new WorkflowResponse(evaluation)
})
