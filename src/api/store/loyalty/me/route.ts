import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LOYALTY_MODULE } from "../../../../modules/loyalty"
import { refusal } from "../../../../modules/loyalty/lib/refusal"
import type LoyaltyModuleService from "../../../../modules/loyalty/service"
import { setLoyaltyBirthdayWorkflow } from "../../../../workflows/loyalty-bonuses/workflows/set-loyalty-birthday"
import { shopperLoyaltyView } from "../shopper-account"
import { storeRoute } from "../../refusal-response"
import type { StoreUpdateLoyaltyMeType } from "./validators"

/** The logged-in shopper's loyalty account: balance, lifetime points, card, program. */
export const GET = storeRoute(async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json(await shopperLoyaltyView(req.scope, req.auth_context.actor_id, (req as { locale?: string }).locale))
})

/** Changes the shopper's account (the birthday); answers the account like GET. */
export const POST = storeRoute(async (req: AuthenticatedMedusaRequest<StoreUpdateLoyaltyMeType>, res: MedusaResponse) => {
  const customerId = req.auth_context.actor_id
  const loyalty: LoyaltyModuleService = req.scope.resolve(LOYALTY_MODULE)
  const program = await loyalty.getOrCreateDefaultProgram()
  const [account] = await loyalty.listLoyaltyAccounts({ program_id: program.id, customer_id: customerId }, { take: 1 })
  if (!account) throw refusal("not_enrolled", "Join the loyalty program first (POST /store/loyalty/enroll)")
  const { birthday } = req.validatedBody
  if (birthday !== undefined) {
    await setLoyaltyBirthdayWorkflow(req.scope).run({ input: { account_id: account.id, birthday, actor: { customer_id: customerId } } })
  }
  res.json(await shopperLoyaltyView(req.scope, customerId, (req as { locale?: string }).locale))
})
