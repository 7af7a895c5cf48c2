import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE } from "../../../modules/loyalty"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { toMoney } from "../../../modules/loyalty/lib/money"
import { loadCurrencyDigitsFor } from "../currency-precision"

export const loadRedemptionCartStepId = "load-redemption-cart"

export type LoadRedemptionCartInput = { cart_id: string; customer_id: string }

export type RedemptionCart = {
  id: string
  currency_code: string
  /** Digits of the cart's currency (JPY 0, KWD 3): discounts are rounded to them. */
  currency_digits: number
  item_subtotal: number
  variant_ids: string[]
  promotion_codes: string[]
}

/**
 * Loads the shopper's cart and loyalty account for a redemption. A cart of another customer
 * is reported as not found; a completed cart or a shopper without an account is refused.
 *
 * @example
 * const { cart, account_id } = loadRedemptionCartStep({ cart_id, customer_id })
 */
export const loadRedemptionCartStep = createStep(
  loadRedemptionCartStepId,
  async (input: LoadRedemptionCartInput, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: [cart] } = await query.graph({
      entity: "cart",
      fields: ["id", "customer_id", "currency_code", "completed_at", "item_subtotal", "items.variant_id", "promotions.code"],
      filters: { id: input.cart_id },
    })
    if (!cart || cart.customer_id !== input.customer_id) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Cart ${input.cart_id} was not found`)
    }
    if (cart.completed_at) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Cart ${cart.id} is already completed`)
    }
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    const [program, currencyDigits] = await Promise.all([
      loyalty.getOrCreateDefaultProgram(),
      loadCurrencyDigitsFor(container, cart.currency_code),
    ])
    const [account] = await loyalty.listLoyaltyAccounts({ customer_id: input.customer_id, program_id: program.id }, { take: 1 })
    if (!account) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Join the loyalty program before spending points (POST /store/loyalty/enroll)")
    }
    const result: { cart: RedemptionCart; account_id: string } = {
      cart: {
        id: cart.id,
        currency_code: cart.currency_code,
        currency_digits: currencyDigits,
        item_subtotal: toMoney(cart.item_subtotal as any).toNumber(),
        variant_ids: (cart.items ?? []).map((i: any) => i?.variant_id).filter(Boolean),
        promotion_codes: (cart.promotions ?? []).map((p: any) => p?.code).filter(Boolean),
      },
      account_id: account.id,
    }
    return new StepResponse(result)
  }
)
