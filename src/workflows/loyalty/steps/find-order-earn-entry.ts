import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE } from "../../../modules/loyalty"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import type { EarningBasis } from "../../../modules/loyalty/lib/return-points"
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
    // The live entry: an award undone by a compensated run and awarded again is found too.
    const entry = await loyalty.retrieveLiveEntryByKey(orderEarnKey(order_id))
    if (!entry) return new StepResponse(null)
    const account = await loyalty.retrieveLoyaltyAccount(entry.account_id, { select: ["customer_id"] })
    return new StepResponse({
      entry_id: entry.id,
      account_id: entry.account_id,
      customer_id: account.customer_id,
      points: entry.points,
      earning_basis: ((entry.metadata as Record<string, unknown> | null)?.earning_basis ?? null) as EarningBasis | null,
    })
  }
)
