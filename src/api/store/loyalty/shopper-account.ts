import type { MedusaContainer } from "@medusajs/framework/types"
import { LOYALTY_MODULE } from "../../../modules/loyalty"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { ACCOUNT_FIELDS, graphOne, nextExpiry, toShopperProgram, withCardDisplay } from "../../loyalty-views"

/** `GET /store/loyalty/me` body: the shopper's account (or null) and the program summary. */
export async function shopperLoyaltyView(scope: MedusaContainer, customerId: string) {
  const loyalty: LoyaltyModuleService = scope.resolve(LOYALTY_MODULE)
  const program = await loyalty.getOrCreateDefaultProgram()
  const account = await graphOne(scope, "loyalty_account", ACCOUNT_FIELDS, {
    program_id: program.id,
    customer_id: customerId,
  })
  return {
    enrolled: !!account,
    account: account
      ? { ...withCardDisplay(account), next_expiry: await nextExpiry(scope, account.id) }
      : null,
    program: toShopperProgram(program),
  }
}
