import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { validateWalletSetupWorkflow } from "../../../../../workflows/loyalty-wallet/workflows/validate-wallet-setup"

/** Runs every check of the Google Wallet setup and reports each: ok, or the failure and its fix. */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { result } = await validateWalletSetupWorkflow(req.scope).run()
  res.json({ validation: result })
}
