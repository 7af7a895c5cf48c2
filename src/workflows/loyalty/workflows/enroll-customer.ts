import { emitEventStep } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { LoyaltyEvents } from "../../../modules/loyalty/events"
import { enrollCustomerStep } from "../steps/enroll-customer"
import { getDefaultProgramStep } from "../steps/get-default-program"
import { loadReferralSignupStep } from "../../loyalty-bonuses/steps/load-referral-signup"

export const enrollCustomerWorkflowId = "enroll-customer-in-loyalty"

export type EnrollCustomerWorkflowInput = {
  customer_id: string
  locale?: string | null
  /** Set when an admin enrolls the customer; otherwise the customer enrolled themselves. */
  actor_user_id?: string | null
  /** Set when staff enroll the customer at an in-store terminal (recorded on the welcome bonus). */
  actor_terminal?: { device_id: string; staff_id: string } | null
  /** A member's referral code the customer signed up with (`result.referral` says what became of it). */
  referral_code?: string | null
  /** ISO time of the sign-up for the referral rules (weekly limit); default: now. */
  now?: string
}

/**
 * Enrolls a customer in the store's program. Safe to call again: the second call returns
 * the existing account and credits no second welcome bonus.
 *
 * @example
 * const { result } = await enrollCustomerWorkflow(container).run({ input: { customer_id } })
 */
export const enrollCustomerWorkflow = createWorkflow(
  enrollCustomerWorkflowId,
  (input: EnrollCustomerWorkflowInput) => {
    const program = getDefaultProgramStep()
    const referral = loadReferralSignupStep(
      transform({ input, program }, ({ input, program }) => ({ code: input.referral_code ?? null, customer_id: input.customer_id, program_id: program.id }))
    )
    const enrollInput = transform({ input, program, referral }, ({ input, program, referral }) => ({
      program_id: program.id,
      customer_id: input.customer_id,
      locale: input.locale ?? null,
      referral,
      now: input.now ? new Date(input.now) : undefined,
      actor: input.actor_terminal
        ? { device_id: input.actor_terminal.device_id, staff_id: input.actor_terminal.staff_id }
        : input.actor_user_id
          ? { user_id: input.actor_user_id }
          : { customer_id: input.customer_id },
    }))
    const enrollment = enrollCustomerStep(enrollInput)

    when("if-newly-enrolled", { enrollment }, ({ enrollment }) => enrollment.created).then(() => {
      emitEventStep({
        eventName: LoyaltyEvents.ACCOUNT_ENROLLED,
        data: transform({ enrollment, input, program }, ({ enrollment, input, program }) => ({
          id: enrollment.account_id,
          customer_id: input.customer_id,
          program_id: program.id,
        })),
      }).config({ name: "emit-account-enrolled" })
    })
    when("if-welcome-bonus-credited", { enrollment }, ({ enrollment }) => !!enrollment.welcome_bonus?.created).then(() => {
      emitEventStep({
        eventName: LoyaltyEvents.POINTS_EARNED,
        data: transform({ enrollment, input }, ({ enrollment, input }) => ({
          id: enrollment.welcome_bonus!.entry.id,
          account_id: enrollment.account_id,
          customer_id: input.customer_id,
          type: "welcome_bonus",
          points: enrollment.welcome_bonus!.entry.points,
          balance: enrollment.welcome_bonus!.balance,
        })),
      }).config({ name: "emit-welcome-bonus-earned" })
    })

    return new WorkflowResponse(enrollment)
  }
)
