import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE } from "../../../modules/loyalty"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { orderEarnKey } from "../keys"

export const findOrderEarnEntryStepId = "find-order-earn-entry"

/**
 * The `earn` entry an order produced, with the account's customer, or null.
 *
 * @example
 * const earned = findOrderEarnEntryStep({ order_id })
 */
export const findOrderEarnEntryStep = createStep(
  findOrderEarnEntryStepId,
  async ({ order_id }: { order_id: string }, { container }) => {
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    const [entry] = await loyalty.listLoyaltyLedgerEntries(
      { idempotency_key: orderEarnKey(order_id) },
      { relations: ["account"], take: 1 }
    )
    if (!entry) return new StepResponse(null)
    return new StepResponse({
      entry_id: entry.id,
      account_id: entry.account_id as string,
      customer_id: entry.account.customer_id,
      points: entry.points,
    })
  }
)
