import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE, type LedgerChangeResult, type RedemptionDTO } from "../../../modules/loyalty"
import type LoyaltyModuleService from "../../../modules/loyalty/service"

export const refundOrderRedemptionsStepId = "refund-order-redemptions"

export type RefundedRedemption = { redemption: RedemptionDTO; entry: LedgerChangeResult; customer_id: string }

/**
 * Gives back the points spent on a canceled order (a `reverse` entry per redemption,
 * returning the points to the lots they came from). Idempotent on the redemption.
 *
 * @example
 * const refunded = refundOrderRedemptionsStep({ order_id })
 */
export const refundOrderRedemptionsStep = createStep(
  refundOrderRedemptionsStepId,
  async (input: { order_id: string; reason?: string }, { container }) => {
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    const spent = (await loyalty.listLoyaltyRedemptions({ order_id: input.order_id, status: "redeemed" }, { relations: ["account"] })) as any[]
    const refunded: RefundedRedemption[] = []
    for (const r of spent) {
      const { redemption, entry } = await loyalty.refundRedemption({ redemption_id: r.id, reason: input.reason ?? `Order ${input.order_id} canceled` })
      if (entry?.created) refunded.push({ redemption, entry, customer_id: r.account.customer_id })
    }
    return new StepResponse(refunded)
  }
)
