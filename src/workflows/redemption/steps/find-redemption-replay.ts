import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE, type RedemptionDTO } from "../../../modules/loyalty"
import { assertSameRedemptionRequest, redemptionKey } from "../../../modules/loyalty/lib/redemption-store"
import type LoyaltyModuleService from "../../../modules/loyalty/service"

export const findRedemptionReplayStepId = "find-redemption-replay"

export type FindRedemptionReplayInput = {
  cart_id: string
  customer_id: string
  reward_id?: string
  points?: number
  idempotency_key?: string
}

/**
 * Looks the request's Idempotency-Key up before the cart is loaded or checked: a replay
 * returns the first redemption even when the cart has since been completed (the order was
 * placed) or changed. The same key for another cart, reward or number of points is refused
 * with CONFLICT naming the key. Null when the key is new (or absent).
 *
 * @example
 * const replay = findRedemptionReplayStep({ cart_id, customer_id, reward_id, idempotency_key })
 */
export const findRedemptionReplayStep = createStep(
  findRedemptionReplayStepId,
  async (input: FindRedemptionReplayInput, { container }) => {
    if (!input.idempotency_key) return new StepResponse(null as RedemptionDTO | null)
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    const program = await loyalty.getOrCreateDefaultProgram()
    const [account] = await loyalty.listLoyaltyAccounts({ customer_id: input.customer_id, program_id: program.id }, { take: 1 })
    if (!account) return new StepResponse(null as RedemptionDTO | null)
    const [earlier] = (await loyalty.listLoyaltyRedemptions(
      { idempotency_key: redemptionKey(account.id, input.idempotency_key) } as any,
      { take: 1 }
    )) as unknown as RedemptionDTO[]
    if (!earlier) return new StepResponse(null as RedemptionDTO | null)
    assertSameRedemptionRequest(earlier, input)
    return new StepResponse(earlier as RedemptionDTO | null)
  }
)
