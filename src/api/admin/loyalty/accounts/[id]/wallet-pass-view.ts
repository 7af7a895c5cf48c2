import type { MedusaContainer } from "@medusajs/framework/types"
import { LOYALTY_WALLET_MODULE } from "../../../../../modules/loyalty-wallet"
import type LoyaltyWalletModuleService from "../../../../../modules/loyalty-wallet/service"

const PASS_FIELDS = [
  "object_id",
  "class_id",
  "synced_balance",
  "out_of_date",
  "last_error",
  "last_synced_at",
  "attempts",
  "next_attempt_at",
] as const

/**
 * The account's Google Wallet pass and its sync state. `issued` is false until the shopper
 * asked for the "Add to Google Wallet" link; an `out_of_date` pass is retried at `next_attempt_at`.
 *
 * Read through the module's service: query.graph cannot serve `loyalty_wallet_pass`, because the
 * service registers the model as `WalletPass` (listLoyaltyWalletPasses) while query asks for
 * listLoyaltyWalletPasses.
 */
export async function walletPassView(scope: MedusaContainer, accountId: string) {
  const wallet: LoyaltyWalletModuleService = scope.resolve(LOYALTY_WALLET_MODULE)
  const [pass] = await wallet.listLoyaltyWalletPasses({ account_id: accountId }, { select: [...PASS_FIELDS], take: 1 })
  if (!pass) {
    return {
      issued: false,
      object_id: null,
      class_id: null,
      synced_balance: null,
      out_of_date: false,
      last_error: null,
      last_synced_at: null,
      attempts: 0,
      next_attempt_at: null,
    }
  }
  return { issued: true, ...Object.fromEntries(PASS_FIELDS.map((f) => [f, (pass as Record<string, unknown>)[f]])) }
}
