import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE } from "../../../modules/loyalty"
import type LoyaltyModuleService from "../../../modules/loyalty/service"

export const expireDueLotsStepId = "expire-due-loyalty-lots"

/**
 * Expires an account's lots past their expiry date, one `expire` entry per lot.
 *
 * @example
 * const expired = expireDueLotsStep({ account_id })
 */
export const expireDueLotsStep = createStep(
  expireDueLotsStepId,
  async ({ account_id }: { account_id: string }, { container }) => {
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    const changes = await loyalty.expireDueLots(account_id)
    const account = await loyalty.retrieveLoyaltyAccount(account_id, { select: ["customer_id"] })
    return new StepResponse(changes.map((c) => ({ ...c, customer_id: account.customer_id })))
  }
)
