import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE } from "../../../modules/loyalty"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { toMoney } from "../../../modules/loyalty/lib/money"
import { loadCurrencyDigitsFor } from "../currency-precision"
import { refusal } from "../../../modules/loyalty/lib/refusal"

export const loadRedemptionCartStepId = "load-redemption-cart"

export type LoadRedemptionCartInput = { cart_id: string; customer_id: string }

type LoyaltyAccountDTO = Awaited<ReturnType<LoyaltyModuleService["listLoyaltyAccounts"]>>[number]
type LoyaltyProgramDTO = Awaited<ReturnType<LoyaltyModuleService["getOrCreateDefaultProgram"]>>

export type RedemptionCart = {
  id: string
  currency_code: string
  /** Digits of the cart's currency (JPY 0, KWD 3): discounts are rounded to them. */
  currency_digits: number
  item_subtotal: number
  variant_ids: string[]
  promotion_codes: string[]
  has_shipping_method: boolean
}

/**
 * The shopper's cart as a redemption reads it, and their loyalty account (null when not a
 * member). A cart of another customer is reported as not found; a completed cart is refused.
 */
export async function loadRedemptionCart(
  container: MedusaContainer,
  input: LoadRedemptionCartInput
): Promise<{ cart: RedemptionCart; account: LoyaltyAccountDTO | null; program: LoyaltyProgramDTO }> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
  const [{ data: [cart] }, program] = await Promise.all([
    query.graph({
      entity: "cart",
      fields: ["id", "customer_id", "currency_code", "completed_at", "item_subtotal", "items.variant_id", "promotions.code", "shipping_methods.id"],
      filters: { id: input.cart_id },
    }),
    loyalty.getOrCreateDefaultProgram(),
  ])
  if (!cart || cart.customer_id !== input.customer_id) {
    throw refusal("cart_not_found", `Cart ${input.cart_id} was not found`, { cart_id: input.cart_id })
  }
  if (cart.completed_at) {
    const { data: [link] } = await query.graph({ entity: "order_cart", fields: ["order_id"], filters: { cart_id: cart.id } })
    throw refusal("cart_completed", `Cart ${cart.id} is already completed${link?.order_id ? ` (order ${link.order_id})` : ""}`, {
      cart_id: cart.id,
      order_id: link?.order_id ?? null,
    })
  }
  const [currencyDigits, [account]] = await Promise.all([
    loadCurrencyDigitsFor(container, cart.currency_code),
    loyalty.listLoyaltyAccounts({ customer_id: input.customer_id, program_id: program.id }, { take: 1 }),
  ])
  return {
    cart: {
      id: cart.id,
      currency_code: cart.currency_code,
      currency_digits: currencyDigits,
      item_subtotal: toMoney(cart.item_subtotal as any).toNumber(),
      variant_ids: (cart.items ?? []).map((i: any) => i?.variant_id).filter(Boolean),
      promotion_codes: (cart.promotions ?? []).map((p: any) => p?.code).filter(Boolean),
      has_shipping_method: (cart.shipping_methods ?? []).some((m: any) => !!m?.id),
    },
    account: (account as LoyaltyAccountDTO | undefined) ?? null,
    program: program as LoyaltyProgramDTO,
  }
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
    const { cart, account } = await loadRedemptionCart(container, input)
    if (!account) {
      throw refusal("not_enrolled", "Join the loyalty program before spending points (POST /store/loyalty/enroll)")
    }
    const result: { cart: RedemptionCart; account_id: string } = { cart, account_id: account.id }
    return new StepResponse(result)
  }
)
