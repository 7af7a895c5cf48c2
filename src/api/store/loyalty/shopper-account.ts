import type { MedusaContainer } from "@medusajs/framework/types"
import { LOYALTY_MODULE } from "../../../modules/loyalty"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { ACCOUNT_FIELDS, graphOne, nextExpiry, pendingPoints, toShopperProgram, withCardDisplay } from "../../loyalty-views"
import { shopperBonuses } from "../../loyalty-bonus-views"
import { shopperTier } from "../../loyalty-tier-views"

/**
 * `GET /store/loyalty/me` body: the shopper's account (or null) and the program summary. The
 * tier's name and perks are in `locale` (the request's), else the shopper's, else the program's.
 */
export async function shopperLoyaltyView(scope: MedusaContainer, customerId: string, locale?: string | null) {
  const loyalty: LoyaltyModuleService = scope.resolve(LOYALTY_MODULE)
  const program = await loyalty.getOrCreateDefaultProgram()
  const account = await graphOne(scope, "loyalty_account", ACCOUNT_FIELDS, {
    program_id: program.id,
    customer_id: customerId,
  })
  return {
    enrolled: !!account,
    account: account
      ? { ...withCardDisplay(account), next_expiry: await nextExpiry(scope, account.id), pending: await pendingPoints(scope, account), ...(await shopperBonuses(scope, account, program)), ...(await shopperTier(scope, account, program, locale)) }
      : null,
    program: toShopperProgram(program),
  }
}
