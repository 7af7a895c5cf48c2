import { emitEventStep } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { LoyaltyEvents } from "../../../modules/loyalty/events"
import { creditPointsStep } from "../steps/credit-points"
import { debitPointsStep } from "../steps/debit-points"
import { validateAdjustmentStep } from "../steps/validate-adjustment"

export const adjustPointsWorkflowId = "adjust-loyalty-points"

export type AdjustPointsWorkflowInput = {
  account_id: string
  /** Signed: positive adds points, negative removes them (never below zero). */
  points: number
  reason: string
  idempotency_key: string
  actor_user_id?: string | null
}

/**
 * A manual correction by a merchant. Recorded as an `adjust` entry with the acting admin
 * and the reason; a negative adjustment locks the account and cannot overdraw it.
 *
 * @example
 * await adjustPointsWorkflow(container).run({ input: { account_id, points: 100, reason: "Goodwill", idempotency_key, actor_user_id } })
 */
export const adjustPointsWorkflow = createWorkflow(
  adjustPointsWorkflowId,
  (input: AdjustPointsWorkflowInput) => {
    const account = validateAdjustmentStep(input)
    const change = transform({ input }, ({ input }) => ({
      account_id: input.account_id,
      type: "adjust" as const,
      points: Math.abs(input.points),
      source_type: "admin" as const,
      source_id: input.actor_user_id ?? null,
      idempotency_key: input.idempotency_key,
      actor: { user_id: input.actor_user_id ?? null },
      reason: input.reason,
    }))

    const credited = when("if-adding-points", { input }, ({ input }) => input.points > 0).then(() =>
      creditPointsStep(transform({ change }, ({ change }) => ({ ...change, counts_as_earned: false })))
    )
    const debited = when("if-removing-points", { input }, ({ input }) => input.points < 0).then(() => debitPointsStep(change))
    const result = transform({ credited, debited }, ({ credited, debited }) => (credited ?? debited)!)

    when("if-adjusted", { result }, ({ result }) => result.created).then(() => {
      emitEventStep({
        eventName: LoyaltyEvents.POINTS_ADJUSTED,
        data: transform({ result, account, input }, ({ result, account, input }) => ({
          id: result.entry.id,
          account_id: result.entry.account_id,
          customer_id: account.customer_id,
          points: result.entry.points,
          balance: result.balance,
          user_id: input.actor_user_id ?? null,
        })),
      })
    })

    return new WorkflowResponse(result)
  }
)
