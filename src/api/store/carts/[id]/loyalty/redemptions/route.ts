import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { applyRewardToCartWorkflow } from "../../../../../../workflows/redemption/workflows/apply-reward-to-cart"
import { answeringConflicts } from "../../../../../conflict-response"
import { readIdempotencyKey } from "../../../../../idempotency-key"
import { cartRedemptionsView } from "./view"
import type { StoreApplyRedemptionType } from "./validators"

/** The shopper's redemptions on this cart, with the cart's totals. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json(await cartRedemptionsView(req.scope, req.params.id, req.auth_context.actor_id))
}

/**
 * Applies a reward (or points as money) to the cart: the points are reserved and a
 * single-use promotion carries the discount. An `Idempotency-Key` header makes a retried
 * request return the first redemption (200) instead of reserving twice, even after the
 * order was placed; the same key for another request is a 409 naming the key. A shopper
 * whose account is busy with another change gets a 409 saying to try again.
 */
export const POST = async (req: AuthenticatedMedusaRequest<StoreApplyRedemptionType>, res: MedusaResponse) => {
  const idempotencyKey = readIdempotencyKey(req)
  await answeringConflicts(res, async () => {
    const { result } = await applyRewardToCartWorkflow(req.scope).run({
      input: { cart_id: req.params.id, customer_id: req.auth_context.actor_id, ...req.validatedBody, idempotency_key: idempotencyKey },
    })
    const view = await cartRedemptionsView(req.scope, req.params.id, req.auth_context.actor_id)
    res.status(result.replayed ? 200 : 201).json({
      redemption: view.redemptions.find((r) => r.id === result.redemption.id) ?? result.redemption,
      replayed: result.replayed,
      cart: view.cart,
      balance: view.balance,
    })
  })
}
