import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { applyRewardToCartWorkflow } from "../../../../../../workflows/redemption/workflows/apply-reward-to-cart"
import { readIdempotencyKey } from "../../../../../idempotency-key"
import { storeRoute } from "../../../../refusal-response"
import { cartRedemptionsView } from "./view"
import type { StoreApplyRedemptionType } from "./validators"

/** The shopper's redemptions on this cart, with the whole cart (as Medusa's GET /store/carts/:id). */
export const GET = storeRoute(async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json(await cartRedemptionsView(req.scope, req.params.id, req.auth_context.actor_id, req.queryConfig?.fields))
})

/**
 * Applies a reward (or points as money) to the cart: the points are reserved and a
 * single-use promotion carries the discount. An `Idempotency-Key` header makes a retried
 * request return the first redemption (200) instead of reserving twice, even after the
 * order was placed; the same key for another request is a 409 `idempotency_key_reused`. A
 * shopper whose account is busy with another change gets a 409 `account_busy`. The answer
 * carries the whole cart, as Medusa's GET /store/carts/:id does.
 */
export const POST = storeRoute(async (req: AuthenticatedMedusaRequest<StoreApplyRedemptionType>, res: MedusaResponse) => {
  const idempotencyKey = readIdempotencyKey(req)
  const { result } = await applyRewardToCartWorkflow(req.scope).run({
    input: { cart_id: req.params.id, customer_id: req.auth_context.actor_id, ...req.validatedBody, idempotency_key: idempotencyKey },
  })
  const view = await cartRedemptionsView(req.scope, req.params.id, req.auth_context.actor_id, req.queryConfig?.fields)
  res.status(result.replayed ? 200 : 201).json({
    redemption: view.redemptions.find((r) => r.id === result.redemption.id) ?? result.redemption,
    replayed: result.replayed,
    cart: view.cart,
    balance: view.balance,
  })
})
