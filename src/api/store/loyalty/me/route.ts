import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { shopperLoyaltyView } from "../shopper-account"
import { storeRoute } from "../../refusal-response"

/** The logged-in shopper's loyalty account: balance, lifetime points, card, program. */
export const GET = storeRoute(async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json(await shopperLoyaltyView(req.scope, req.auth_context.actor_id))
})
