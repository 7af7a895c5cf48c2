import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE, type LedgerChangeResult } from "../../../modules/loyalty"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { compensateLedgerEntry } from "../../loyalty/steps/compensate-entry"

export const matureOrderPointsStepId = "mature-order-points"

export type MatureOrderPointsStepInput = { account_id: string; order_id: string; now?: string }

export type MaturedOrderPoints = { change: LedgerChangeResult | null; customer_id: string | null }

/**
 * Makes an order's pending points spendable when its pending period is over (a `mature`
 * entry, once). Compensation puts a maturation this run wrote back to pending, so the next run
 * writes it again (and its event with it).
 *
 * @example
 * const matured = matureOrderPointsStep({ account_id, order_id, now })
 */
export const matureOrderPointsStep = createStep(
  matureOrderPointsStepId,
  async (input: MatureOrderPointsStepInput, { container }) => {
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    const change = await loyalty.maturePendingOrderPoints({
      account_id: input.account_id,
      order_id: input.order_id,
      now: input.now ? new Date(input.now) : undefined,
    })
    const account = change?.created ? await loyalty.retrieveLoyaltyAccount(input.account_id, { select: ["customer_id"] }) : null
    return new StepResponse<MaturedOrderPoints, string | null>(
      { change, customer_id: account?.customer_id ?? null },
      change?.created ? change.entry.id : null
    )
  },
  compensateLedgerEntry
)
