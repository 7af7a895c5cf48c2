import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LOYALTY_WALLET_MODULE } from "../../../../../modules/loyalty-wallet"
import type LoyaltyWalletModuleService from "../../../../../modules/loyalty-wallet/service"
import { updateWalletSettingsWorkflow } from "../../../../../workflows/loyalty-wallet/workflows/update-wallet-settings"
import type { AdminUpdateWalletSettingsType } from "./validators"

/** Effective Google Wallet settings, each with its source; the private key only as `is_set`. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const wallet: LoyaltyWalletModuleService = req.scope.resolve(LOYALTY_WALLET_MODULE)
  res.json({ google_wallet: await wallet.describeWalletSettings() })
}

/** Saves settings over options and env (`null` clears a saved value); the private key is sealed first. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminUpdateWalletSettingsType>, res: MedusaResponse) => {
  const wallet: LoyaltyWalletModuleService = req.scope.resolve(LOYALTY_WALLET_MODULE)
  // Sealed here, before the workflow: its input never holds the private key.
  await updateWalletSettingsWorkflow(req.scope).run({ input: wallet.sealWalletSettingsPatch(req.validatedBody) })
  res.json({ google_wallet: await wallet.describeWalletSettings() })
}
