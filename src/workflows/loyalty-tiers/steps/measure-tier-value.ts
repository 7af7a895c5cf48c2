import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MedusaError } from "@medusajs/framework/utils"
import { LOYALTY_MODULE } from "../../../modules/loyalty"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { measureMoneySpent } from "../measure"

export const measureTierValueStepId = "measure-tier-value"

export type MeasureTierValueInput = { account_id: string; now?: string; trigger?: string }

export type MeasuredTierValue = {
  account_id: string
  now: string
  /** money_spent programs: the money spent over the period (points are counted under the account lock). */
  money_spent: number | null
  reason: string
}

const REASONS: Record<string, string> = {
  "loyalty.points_earned": "points earned",
  "loyalty.points_reversed": "points taken back",
  job: "daily evaluation",
}

/**
 * Reads what the evaluation needs outside the account lock: the clock, and for a program whose
 * tiers count money spent, that money (the orders live in Medusa's order module). Reads only.
 *
 * @example
 * const measured = measureTierValueStep({ account_id, trigger: "loyalty.points_earned" })
 */
export const measureTierValueStep = createStep(measureTierValueStepId, async (input: MeasureTierValueInput, { container }) => {
  const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
  const now = input.now ? new Date(input.now) : new Date()
  if (Number.isNaN(now.getTime())) throw new MedusaError(MedusaError.Types.INVALID_DATA, `now must be an ISO date, got ${input.now}`)
  const [account] = await loyalty.listLoyaltyAccounts({ id: input.account_id }, { select: ["id", "program_id"], take: 1 })
  if (!account) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Loyalty account ${input.account_id} was not found`)
  const program = await loyalty.retrieveLoyaltyProgram(account.program_id)
  const money_spent = program.tier_basis === "money_spent" ? await measureMoneySpent(container, account.id, program, now) : null
  const trigger = input.trigger ?? "manual"
  return new StepResponse<MeasuredTierValue>({ account_id: account.id, now: now.toISOString(), money_spent, reason: REASONS[trigger] ?? trigger })
})
