import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { LOYALTY_MODULE } from "../../../../../../modules/loyalty"
import type LoyaltyModuleService from "../../../../../../modules/loyalty/service"
import { createWalletSaveLinkWorkflow } from "../../../../../../workflows/loyalty-wallet/workflows/create-wallet-save-link"
import { graphOne } from "../../../../../loyalty-views"
import { refusal } from "../../../../../../modules/loyalty/lib/refusal"
import { storeRoute } from "../../../../refusal-response"

/** The shopper's "Add to Google Wallet" link for their loyalty card. */
export const GET = storeRoute(async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const loyalty: LoyaltyModuleService = req.scope.resolve(LOYALTY_MODULE)
  const program = await loyalty.getOrCreateDefaultProgram()
  const account = await graphOne(req.scope, "loyalty_account", ["id"], {
    program_id: program.id,
    customer_id: req.auth_context.actor_id,
  })
  if (!account) {
    throw refusal(
      "not_enrolled",
      "You are not a member of the loyalty program yet: enroll (POST /store/loyalty/enroll) before adding the card to Google Wallet",
      {},
      MedusaError.Types.NOT_FOUND
    )
  }
  const { result } = await createWalletSaveLinkWorkflow(req.scope).run({ input: { account_id: account.id } })
  res.json({ google_wallet: result })
})
