import { emitEventStep } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import type { EarnRate } from "../../../modules/loyalty"
import { LoyaltyEvents } from "../../../modules/loyalty/events"
import { setProgramSalesChannelsStep } from "../steps/set-program-sales-channels"
import { updateProgramStep } from "../steps/update-program"
import { recordLiabilityEstimateStep } from "../steps/record-liability-estimate"

export const updateLoyaltyProgramWorkflowId = "update-loyalty-program"

export type UpdateLoyaltyProgramWorkflowInput = {
  id: string
  name?: string
  status?: "active" | "paused"
  earn_rates?: Record<string, EarnRate>
  rounding?: "floor" | "nearest"
  count_shipping?: boolean
  count_taxes?: boolean
  welcome_bonus_points?: number
  points_validity_months?: number | null
  auto_enroll?: boolean
  default_locale?: string
  validity_end_of_month?: boolean
  activity_extends_validity?: boolean
  pending_days?: number | null
  tier_basis?: "points_earned" | "money_spent"
  tier_period?: "rolling_12_months" | "calendar_year"
  tier_grace_days?: number
  tier_currency_code?: string | null
  time_zone?: string
  birthday_bonus_points?: number
  referral_referrer_points?: number
  referral_referee_points?: number
  referral_weekly_limit?: number
  metadata?: Record<string, unknown> | null
  /** Channels where the program earns; an empty list means every channel. */
  sales_channel_ids?: string[]
  /** A new liability estimate (IFRS 15), kept beside the earlier ones. */
  liability_estimate?: { currency_code: string; point_value: string; expected_redemption_rate: string; effective_at?: Date | string }
  /** The admin user saving the settings (recorded on a new liability estimate). */
  actor_user_id?: string | null
}

/**
 * Updates the program's settings and, when given, its sales channels. Emits
 * `loyalty.program_updated` (the Wallet class follows a new name or language).
 *
 * @example
 * await updateLoyaltyProgramWorkflow(container).run({ input: { id, welcome_bonus_points: 50 } })
 */
export const updateLoyaltyProgramWorkflow = createWorkflow(
  updateLoyaltyProgramWorkflowId,
  (input: UpdateLoyaltyProgramWorkflowInput) => {
    const settings = transform({ input }, ({ input }) => {
      const { sales_channel_ids: _ignored, liability_estimate: _estimate, actor_user_id: _actor, ...rest } = input
      return rest
    })
    const program = updateProgramStep(settings)
    when("if-sales-channels-given", { input }, ({ input }) => Array.isArray(input.sales_channel_ids)).then(() =>
      setProgramSalesChannelsStep(
        transform({ input }, ({ input }) => ({
          program_id: input.id,
          sales_channel_ids: input.sales_channel_ids!,
        }))
      )
    )
    when("if-liability-estimate-given", { input }, ({ input }) => !!input.liability_estimate).then(() =>
      recordLiabilityEstimateStep(
        transform({ input }, ({ input }) => ({ program_id: input.id, actor_user_id: input.actor_user_id ?? null, ...input.liability_estimate! }))
      )
    )
    emitEventStep({
      eventName: LoyaltyEvents.PROGRAM_UPDATED,
      data: transform({ input }, ({ input }) => ({ id: input.id, fields: Object.keys(input).filter((k) => k !== "id" && k !== "actor_user_id") })),
    })
    return new WorkflowResponse(program)
  }
)
