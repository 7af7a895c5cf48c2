import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE } from "../../../modules/loyalty"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { compensateLedgerEntry } from "../../loyalty/steps/compensate-entry"

export const payBirthdayBonusesStepId = "pay-birthday-bonuses"

export type PaidBonus = { entry_id: string; account_id: string; customer_id: string; points: number; balance: number; points_owed: number }

export type PayBirthdayBonusesStepOutput = {
  paid: PaidBonus[]
  /** Accounts with nothing due today, and why (already paid: `paid_before`). */
  skipped: { account_id: string; reason: string }[]
  failed: { account_id: string; error: string }[]
}

/**
 * Pays the birthday bonus of each account whose birthday `now` is (each in its own transaction
 * under its lock; a busy or failing account is reported and left to the next run). Compensation
 * takes back the bonuses this run wrote, which frees their keys for a retry.
 *
 * @example
 * const result = payBirthdayBonusesStep({ account_ids, now: new Date().toISOString() })
 */
export const payBirthdayBonusesStep = createStep(
  payBirthdayBonusesStepId,
  async (input: { account_ids: string[]; now?: string }, { container }) => {
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    const now = input.now ? new Date(input.now) : new Date()
    const out: PayBirthdayBonusesStepOutput = { paid: [], skipped: [], failed: [] }
    for (const account_id of input.account_ids) {
      try {
        const { change, skipped, customer_id } = await loyalty.payBirthdayBonus(account_id, { now })
        if (change?.created) {
          out.paid.push({ entry_id: change.entry.id, account_id, customer_id, points: change.entry.points, balance: change.balance, points_owed: change.points_owed })
        } else out.skipped.push({ account_id, reason: skipped ?? "paid_before" })
      } catch (e) {
        out.failed.push({ account_id, error: (e as Error).message })
        container.resolve(ContainerRegistrationKeys.LOGGER).warn(`[rewardflow] birthday bonus of ${account_id} failed: ${(e as Error).message}`)
      }
    }
    return new StepResponse(out, out.paid.map((p) => p.entry_id))
  },
  async (entryIds, { container }) => {
    for (const id of entryIds ?? []) await compensateLedgerEntry(id, { container })
  }
)
