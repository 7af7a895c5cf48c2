import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE, type RedemptionDTO } from "../../../modules/loyalty"
import type LoyaltyModuleService from "../../../modules/loyalty/service"

export const captureOrderRedemptionsStepId = "capture-order-redemptions"

export type CapturedRedemption = { redemption: RedemptionDTO; customer_id: string; balance: number; created: boolean }

/**
 * For the cart an order came from: spends every reservation whose code the order carries
 * (`redeem` entry, status redeemed, linked to the order) and releases any the order was
 * placed without. Idempotent, so a redelivered `order.placed` changes nothing. A redemption
 * that fails is reported in `failed` and the others are still settled.
 *
 * @example
 * const { captured, released } = captureOrderRedemptionsStep({ order_id })
 */
export const captureOrderRedemptionsStep = createStep(
  captureOrderRedemptionsStepId,
  async (input: { order_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    const { data: [link] } = await query.graph({ entity: "order_cart", fields: ["cart_id", "order_id"], filters: { order_id: input.order_id } })
    const captured: CapturedRedemption[] = []
    const released: RedemptionDTO[] = []
    const failed: { id: string; error: string }[] = []
    if (!link?.cart_id) return new StepResponse({ captured, released, failed })

    const redemptions = (await loyalty.listLoyaltyRedemptions(
      { cart_id: link.cart_id, status: ["pending", "reserved", "redeemed"] },
      { relations: ["account"] }
    )) as any[]
    // Most orders spend no points: nothing more to read for them.
    if (!redemptions.length) return new StepResponse({ captured, released, failed })
    const { data: [order] } = await query.graph({ entity: "order", fields: ["id", "promotions.code"], filters: { id: input.order_id } })
    const codes = new Set((order?.promotions ?? []).map((p: any) => p?.code))
    // Each redemption on its own: one that cannot be settled now (a busy account, say) does not
    // stop the others; it stays open and is retried (a redelivered event, the release job).
    for (const r of redemptions) {
      if (r.status === "redeemed" && r.order_id !== input.order_id) continue
      try {
        if (codes.has(r.promotion_code)) {
          const result = await loyalty.captureRedemption({ redemption_id: r.id, order_id: input.order_id })
          captured.push({ ...result, customer_id: r.account.customer_id })
        } else if (r.status !== "redeemed") {
          const result = await loyalty.releaseRedemption({ redemption_id: r.id, reason: `Order ${input.order_id} was placed without this reward` })
          released.push(result.redemption)
        }
      } catch (e) {
        failed.push({ id: r.id, error: (e as Error).message })
      }
    }
    return new StepResponse({ captured, released, failed })
  }
)
