import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE, type RedemptionDTO } from "../../../modules/loyalty"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { refusal } from "../../../modules/loyalty/lib/refusal"

export const loadRedemptionStepId = "load-redemption"

export type LoadRedemptionInput = {
  redemption_id: string
  /** When given, the redemption must be on this cart... */
  cart_id?: string
  /** ...and belong to this customer; otherwise it is reported as not found. */
  customer_id?: string
}

/**
 * Loads a redemption with its account's customer, checking it belongs to the given cart
 * and customer and has not been spent on an order.
 *
 * @example
 * const { redemption, customer_id } = loadRedemptionStep({ redemption_id, cart_id, customer_id })
 */
export const loadRedemptionStep = createStep(
  loadRedemptionStepId,
  async (input: LoadRedemptionInput, { container }) => {
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    const [redemption] = (await loyalty.listLoyaltyRedemptions({ id: input.redemption_id }, { relations: ["account"] })) as any[]
    const notFound = () => refusal("redemption_not_found", `Redemption ${input.redemption_id} was not found`, { redemption_id: input.redemption_id })
    if (!redemption) throw notFound()
    if (input.cart_id && redemption.cart_id !== input.cart_id) throw notFound()
    if (input.customer_id && redemption.account?.customer_id !== input.customer_id) throw notFound()
    if (redemption.status === "redeemed" || redemption.status === "refunded") {
      throw refusal("redemption_spent", `Redemption ${redemption.id} was already spent on order ${redemption.order_id}`, {
        redemption_id: redemption.id,
        order_id: redemption.order_id,
      })
    }
    const { account, ...rest } = redemption
    return new StepResponse({ redemption: rest as RedemptionDTO, customer_id: account.customer_id as string })
  }
)
