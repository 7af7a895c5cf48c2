import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE } from "../../../modules/loyalty"
import type LoyaltyModuleService from "../../../modules/loyalty/service"

export const expireDueLotsStepId = "expire-due-loyalty-lots"

/**
 * Expires an account's lots whose expiry is at or before `now` (ISO; default: when it runs),
 * one `expire` entry per lot.
 *
 * @example
 * const expired = expireDueLotsStep({ account_id })
 */
export const expireDueLotsStep = createStep(
  expireDueLotsStepId,
  async ({ account_id, now }: { account_id: string; now?: string }, { container }) => {
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    const changes = await loyalty.expireDueLots(account_id, now ? new Date(now) : new Date())
    const account = await loyalty.retrieveLoyaltyAccount(account_id, { select: ["customer_id"] })
    return new StepResponse(changes.map((c) => ({ ...c, customer_id: account.customer_id })))
  }
)
