import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { LOYALTY_MODULE } from "../../modules/loyalty"
import type LoyaltyModuleService from "../../modules/loyalty/service"
import { isLoyaltyCode, loyaltyCodeRefusal } from "../../workflows/hooks/loyalty-codes-on-carts"
import { refusalBody } from "./refusal-response"

/**
 * Before Medusa's `POST /store/carts/:id/promotions`: a loyalty code that is not an open reward
 * of this cart is answered 400 `loyalty_code_not_applicable` (with the code) instead of being
 * silently skipped. The cart-promotion workflow's validate hook refuses the same codes on every
 * other path; this gives the storefront the reason. Requests without loyalty codes pass untouched.
 */
export async function refuseLoyaltyCodesNotOnCart(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const given = (req.body as { promo_codes?: unknown } | undefined)?.promo_codes
  const codes = Array.isArray(given) ? given.filter(isLoyaltyCode) : []
  if (!codes.length) return next()
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const loyalty: LoyaltyModuleService = req.scope.resolve(LOYALTY_MODULE)
  const [{ data: [cart] }, found] = await Promise.all([
    query.graph({ entity: "cart", fields: ["id", "promotions.code"], filters: { id: req.params.id } }),
    loyalty.listLoyaltyRedemptions({ promotion_code: codes.map((c) => c.toUpperCase()) }, { select: ["id", "status", "cart_id", "promotion_code"] }),
  ])
  if (!cart) return next()
  const onCart = new Set((cart.promotions ?? []).map((p: any) => String(p?.code ?? "").toUpperCase()))
  const problem = loyaltyCodeRefusal(cart.id, codes.filter((c) => !onCart.has(c.toUpperCase())), found as any)
  if (!problem) return next()
  res.status(400).json(refusalBody(problem, 400))
}
