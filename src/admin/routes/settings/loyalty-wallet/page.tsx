import { defineRouteConfig } from "@medusajs/admin-sdk"
import { WalletSettingsForm } from "../../../components/loyalty-wallet/wallet-settings-form"
import { WalletValidation } from "../../../components/loyalty-wallet/wallet-validation"

/** Settings > Google Wallet: every setting with its source, editable, and the setup validator. */
const LoyaltyWalletPage = () => (
  <div className="flex flex-col gap-y-3">
    <WalletSettingsForm />
    <WalletValidation />
  </div>
)

export const config = defineRouteConfig({ label: "wallet.title", translationNs: "rewardflow" })

export default LoyaltyWalletPage
