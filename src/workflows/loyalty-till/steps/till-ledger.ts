import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE } from "../../../modules/loyalty"
import type { AwardReceiptInput, TillActor } from "../../../modules/loyalty/lib/terminal-store"
import type LoyaltyModuleService from "../../../modules/loyalty/service"

/**
 * Points for an in-store receipt (loyalty.awardTerminalReceipt). Not compensated: the entry is
 * the award, and an award is undone only by a void (a `reverse` entry), never deleted.
 */
export const awardReceiptStep = createStep("award-terminal-receipt", async (input: Omit<AwardReceiptInput, "limits">, { container }) => {
  const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
  const result = await loyalty.awardTerminalReceipt({ ...input, limits: loyalty.getTillLimits() })
  return new StepResponse(result)
})

/** A reward redeemed at the till (loyalty.redeemRewardInStore), idempotent on the tablet's client id. */
export const redeemInStoreStep = createStep(
  "redeem-reward-in-store",
  async (input: { account_id: string; reward_id: string; client_id: string; stock_location_id: string; actor: TillActor }, { container }) => {
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    return new StepResponse(await loyalty.redeemRewardInStore(input))
  }
)

/** Voids an in-store award on its day (loyalty.voidTerminalAward). */
export const voidAwardStep = createStep("void-terminal-award", async (input: { entry_id: string; actor: TillActor; reason?: string | null }, { container }) => {
  const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
  return new StepResponse(await loyalty.voidTerminalAward(input))
})
