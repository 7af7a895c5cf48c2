import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { releaseRedemptionWorkflow } from "../../../../../../../workflows/redemption/workflows/release-redemption"
import { storeRoute } from "../../../../../refusal-response"
import { cartRedemptionsView } from "../view"

/**
 * Takes a reward off the cart and gives its points back; answers with the whole cart (as
 * Medusa's GET /store/carts/:id). Repeating it changes nothing.
 */
export const DELETE = storeRoute(async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const customerId = req.auth_context.actor_id
  const { result } = await releaseRedemptionWorkflow(req.scope).run({
    input: {
      redemption_id: req.params.redemption_id,
      cart_id: req.params.id,
      customer_id: customerId,
      reason: "Removed by the shopper",
      actor: { customer_id: customerId },
    },
  })
  const view = await cartRedemptionsView(req.scope, req.params.id, customerId, req.queryConfig?.fields)
  res.json({
    id: result.id,
    object: "loyalty_redemption",
    deleted: result.status === "released",
    redemption: view.redemptions.find((r) => r.id === result.id),
    cart: view.cart,
    balance: view.balance,
  })
})
