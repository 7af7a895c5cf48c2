import { emitEventStep } from "@medusajs/medusa/core-flows"
import {
  createHook,
  createWorkflow,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { LoyaltyEvents } from "../../../modules/loyalty/events"
import { orderEarnKey } from "../keys"
import { creditPointsStep } from "../steps/credit-points"
import { enrollCustomerStep } from "../steps/enroll-customer"
import { resolveOrderEarningStep } from "../steps/resolve-order-earning"

export const awardOrderPointsWorkflowId = "award-order-loyalty-points"

export type AwardOrderPointsWorkflowInput = { order_id: string }

/**
 * Awards the points an order earns. Idempotent on the order id: a repeated `order.placed`
 * or two runs at once award once (the ledger's idempotency key is UNIQUE).
 * Hook `pointsAwarded` runs after a new award, with the entry and the order id.
 *
 * @example
 * await awardOrderPointsWorkflow(container).run({ input: { order_id: "order_123" } })
 */
export const awardOrderPointsWorkflow = createWorkflow(
  awardOrderPointsWorkflowId,
  (input: AwardOrderPointsWorkflowInput) => {
    const earning = resolveOrderEarningStep(input)

    const enrollment = when("enroll-if-needed", { earning }, ({ earning }) => earning.enroll).then(() =>
      enrollCustomerStep(
        transform({ earning }, ({ earning }) => ({
          program_id: earning.program_id,
          customer_id: earning.customer_id!,
          locale: earning.locale,
          actor: { customer_id: earning.customer_id },
        }))
      )
    )

    const change = when("credit-if-earning", { earning }, ({ earning }) => !earning.skip_reason).then(() =>
      creditPointsStep(
        transform({ earning, enrollment }, ({ earning, enrollment }) => ({
          account_id: (earning.account_id ?? enrollment?.account_id)!,
          type: "earn" as const,
          points: earning.points,
          source_type: "order" as const,
          source_id: earning.order_id,
          idempotency_key: orderEarnKey(earning.order_id),
          actor: { customer_id: earning.customer_id },
          reason: earning.display_id ? `Order #${earning.display_id}` : null,
          metadata: { currency_code: earning.currency_code, display_id: earning.display_id, earning_basis: earning.basis },
        }))
      )
    )

    when("if-newly-enrolled", { enrollment }, ({ enrollment }) => !!enrollment?.created).then(() => {
      emitEventStep({
        eventName: LoyaltyEvents.ACCOUNT_ENROLLED,
        data: transform({ enrollment, earning }, ({ enrollment, earning }) => ({
          id: enrollment!.account_id,
          customer_id: earning.customer_id,
          program_id: earning.program_id,
        })),
      }).config({ name: "emit-account-enrolled" })
    })
    when("if-welcome-bonus-credited", { enrollment }, ({ enrollment }) => !!enrollment?.welcome_bonus?.created).then(() => {
      emitEventStep({
        eventName: LoyaltyEvents.POINTS_EARNED,
        data: transform({ enrollment, earning }, ({ enrollment, earning }) => ({
          id: enrollment!.welcome_bonus!.entry.id,
          account_id: enrollment!.account_id,
          customer_id: earning.customer_id,
          type: "welcome_bonus",
          points: enrollment!.welcome_bonus!.entry.points,
          balance: enrollment!.welcome_bonus!.balance,
        })),
      }).config({ name: "emit-welcome-bonus-earned" })
    })
    const awarded = when("if-points-awarded", { change }, ({ change }) => !!change?.created).then(() => {
      emitEventStep({
        eventName: LoyaltyEvents.POINTS_EARNED,
        data: transform({ change, earning }, ({ change, earning }) => ({
          id: change!.entry.id,
          account_id: change!.entry.account_id,
          customer_id: earning.customer_id,
          type: "earn",
          points: change!.entry.points,
          balance: change!.balance,
          order_id: earning.order_id,
        })),
      }).config({ name: "emit-order-points-earned" })
      return true
    })

    const pointsAwarded = createHook("pointsAwarded", {
      order_id: input.order_id,
      entry: transform({ change, awarded }, ({ change, awarded }) => (awarded ? change?.entry ?? null : null)),
    })

    const result = transform({ earning, change }, ({ earning, change }) => ({
      order_id: earning.order_id,
      account_id: change?.entry.account_id ?? earning.account_id,
      points: change?.entry.points ?? 0,
      awarded: !!change?.created,
      skip_reason: earning.skip_reason,
      entry: change?.entry ?? null,
      balance: change?.balance ?? null,
    }))
    return new WorkflowResponse(result, { hooks: [pointsAwarded] })
  }
)
