import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { completeCartWorkflow } from "@medusajs/medusa/core-flows"
import { LOYALTY_MODULE } from "../../modules/loyalty"
import { checkoutProblem } from "../../modules/loyalty/lib/checkout-guard"
import type LoyaltyModuleService from "../../modules/loyalty/service"

/**
 * Refuses to complete a cart whose loyalty reservation is missing, released, belongs to
 * another cart, or no longer matches the cart (currency, minimum subtotal, capped discount).
 * Runs before the order is created and payment is authorized.
 */
completeCartWorkflow.hooks.validate(async ({ cart: hookCart }, { container }) => {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
  const { data: [cart] } = await query.graph({
    entity: "cart",
    fields: [
      "id",
      "currency_code",
      "completed_at",
      "item_subtotal",
      "promotions.code",
      "items.adjustments.code",
      "items.adjustments.amount",
      "shipping_methods.adjustments.code",
      "shipping_methods.adjustments.amount",
    ],
    filters: { id: hookCart.id },
  })
  if (!cart || cart.completed_at) return
  const codes: string[] = (cart.promotions ?? []).map((p: any) => p?.code).filter(Boolean)
  const [onCart, byCode] = await Promise.all([
    loyalty.listLoyaltyRedemptions({ cart_id: cart.id }, { relations: ["reward"] }),
    codes.length ? loyalty.listLoyaltyRedemptions({ promotion_code: codes }, { relations: ["reward"] }) : [],
  ])
  if (!onCart.length && !byCode.length) return
  const discountByCode: Record<string, number> = {}
  for (const line of [...(cart.items ?? []), ...(cart.shipping_methods ?? [])]) {
    for (const a of line?.adjustments ?? []) {
      if (a?.code) discountByCode[a.code] = (discountByCode[a.code] ?? 0) + Number(a.amount ?? 0)
    }
  }
  const problem = checkoutProblem(
    {
      id: cart.id,
      currency_code: cart.currency_code,
      item_subtotal: Number(cart.item_subtotal ?? 0),
      promotion_codes: codes,
      discount_by_code: discountByCode,
    },
    onCart as any,
    byCode as any
  )
  if (problem) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, problem)
})
