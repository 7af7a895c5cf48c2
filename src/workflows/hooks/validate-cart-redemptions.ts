import { MedusaError } from "@medusajs/framework/utils"
import { completeCartWorkflow } from "@medusajs/medusa/core-flows"
import { LOYALTY_MODULE } from "../../modules/loyalty"
import { type AdjustedLine, checkoutProblem, discountByCode } from "../../modules/loyalty/lib/checkout-guard"
import { LOYALTY_CODE_PREFIX } from "../../modules/loyalty/lib/promotion-code"
import type LoyaltyModuleService from "../../modules/loyalty/service"
import { loadCurrencyDigitsFor } from "../redemption/currency-precision"
import { releaseRedemptionWorkflow } from "../redemption/workflows/release-redemption"

/** The part of the cart completeCartWorkflow loads (its completeCartFields) that the guard reads. */
type HookCart = {
  id: string
  currency_code: string
  completed_at?: Date | string | null
  item_subtotal?: unknown
  raw_item_subtotal?: unknown
  items?: (AdjustedLine | null)[] | null
  shipping_methods?: (AdjustedLine | null)[] | null
  /** Ids only: the cart is loaded without the promotions' codes. */
  promotions?: ({ id?: string | null } | null)[] | null
}

const adjustmentCodes = (lines: (AdjustedLine | null)[]) => [
  ...new Set(lines.flatMap((l) => (l?.adjustments ?? []).map((a) => a?.code)).filter((c): c is string => !!c)),
]

/**
 * Refuses to complete a cart whose loyalty reservation is missing, released, belongs to
 * another cart, or no longer matches the cart (currency, minimum subtotal, or a discount
 * larger than the reward or the points allow on the cart as it is now: a percentage of the
 * items up to its cap, the program's share of the items for points as money).
 * Runs before the order is created and payment is authorized, on the cart Medusa loaded for
 * the checkout: a cart without loyalty redemptions costs one indexed query.
 */
completeCartWorkflow.hooks.validate(async ({ cart: loaded }, { container }) => {
  const cart = loaded as unknown as HookCart | undefined
  if (!cart || cart.completed_at) return
  const lines = [...(cart.items ?? []), ...(cart.shipping_methods ?? [])]
  const loyaltyCodes = adjustmentCodes(lines).filter((c) => c.startsWith(LOYALTY_CODE_PREFIX))
  const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
  const found = await loyalty.listLoyaltyRedemptions(
    (loyaltyCodes.length ? { $or: [{ cart_id: cart.id }, { promotion_code: loyaltyCodes }] } : { cart_id: cart.id }) as any,
    { relations: ["reward"] }
  )
  if (!found.length) return

  const onCart = found.filter((r) => r.cart_id === cart.id)
  const byCode = found.filter((r) => !!r.promotion_code && loyaltyCodes.includes(r.promotion_code))
  // A promotion still linked to the cart counts as applied even where it took nothing off.
  const promotionIds = new Set((cart.promotions ?? []).map((p) => p?.id).filter(Boolean))
  const promotionCodes = [
    ...new Set([...loyaltyCodes, ...onCart.filter((r) => r.promotion_id && promotionIds.has(r.promotion_id)).map((r) => r.promotion_code!)]),
  ]
  // A reservation whose code the cart no longer carries (taken off, or dropped by Medusa when
  // the cart changed) gives no discount: its points go back now, and the cart completes
  // without it (the cart.updated subscriber usually did this already).
  const dropped = onCart.filter((r) => r.status === "reserved" && (!r.promotion_code || !promotionCodes.includes(r.promotion_code)))
  for (const r of dropped) {
    await releaseRedemptionWorkflow(container).run({
      input: { redemption_id: r.id, reason: "The cart was completed without the reward's code", leave_code: true },
    })
  }
  if (dropped.length) onCart.splice(0, onCart.length, ...onCart.filter((r) => !dropped.includes(r)))
  // Redemptions applied before the share was kept with them are held to the program's share now.
  const needsProgram = onCart.some((r: any) => r.kind === "points" && r.metadata?.max_cart_share == null)
  const [digits, program] = await Promise.all([
    loadCurrencyDigitsFor(container, cart.currency_code),
    needsProgram ? loyalty.getOrCreateDefaultProgram() : null,
  ])
  const problem = checkoutProblem(
    {
      id: cart.id,
      currency_code: cart.currency_code,
      currency_digits: digits,
      item_subtotal: (cart.raw_item_subtotal ?? cart.item_subtotal ?? 0) as any,
      promotion_codes: promotionCodes,
      discount_by_code: discountByCode(lines),
      points_as_money: (program as any)?.points_as_money ?? null,
    },
    onCart as any,
    byCode as any
  )
  if (problem) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, problem)
})
