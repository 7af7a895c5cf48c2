import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { completeCartWorkflow } from "@medusajs/medusa/core-flows"
import { LOYALTY_MODULE } from "../../modules/loyalty"
import { checkoutProblem, discountByCode } from "../../modules/loyalty/lib/checkout-guard"
import type LoyaltyModuleService from "../../modules/loyalty/service"

/**
 * Refuses to complete a cart whose loyalty reservation is missing, released, belongs to
 * another cart, or no longer matches the cart (currency, minimum subtotal, or a discount
 * larger than the reward or the points allow on the cart as it is now: a percentage of the
 * items up to its cap, the program's share of the items for points as money).
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
      "items.tax_lines.rate",
      "items.adjustments.code",
      "items.adjustments.amount",
      "items.adjustments.is_tax_inclusive",
      "shipping_methods.is_tax_inclusive",
      "shipping_methods.tax_lines.rate",
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
  const discounts = discountByCode([...(cart.items ?? []), ...(cart.shipping_methods ?? [])] as any)
  // Redemptions applied before the share was kept with them are held to the program's share now.
  const needsProgram = onCart.some((r: any) => r.kind === "points" && (r.metadata as any)?.max_cart_share == null)
  const pointsAsMoney = needsProgram ? ((await loyalty.getOrCreateDefaultProgram()) as any).points_as_money ?? null : null
  const problem = checkoutProblem(
    {
      id: cart.id,
      currency_code: cart.currency_code,
      item_subtotal: Number(cart.item_subtotal ?? 0),
      promotion_codes: codes,
      discount_by_code: discounts,
      points_as_money: pointsAsMoney,
    },
    onCart as any,
    byCode as any
  )
  if (problem) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, problem)
})
