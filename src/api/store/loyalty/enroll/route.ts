import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { enrollCustomerWorkflow } from "../../../../workflows/loyalty/workflows/enroll-customer"
import { shopperLoyaltyView } from "../shopper-account"
import type { StoreEnrollLoyaltyType } from "./validators"
import { storeRoute } from "../../refusal-response"

/**
 * Enrolls the logged-in shopper: 201 on first enrollment, 200 when already a member. With a
 * `referral_code`, `referral` says what became of it (`{ status, reason }`; null without a code).
 */
export const POST = storeRoute(async (req: AuthenticatedMedusaRequest<StoreEnrollLoyaltyType>, res: MedusaResponse) => {
  const customerId = req.auth_context.actor_id
  const { result } = await enrollCustomerWorkflow(req.scope).run({
    input: { customer_id: customerId, locale: req.validatedBody?.locale ?? null, referral_code: req.validatedBody?.referral_code ?? null },
  })
  const referral = result.referral ? { status: result.referral.status, reason: result.referral.reason } : null
  res.status(result.created ? 201 : 200).json({ ...(await shopperLoyaltyView(req.scope, customerId)), referral })
})
