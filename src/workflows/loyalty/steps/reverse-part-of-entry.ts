import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE, type LedgerSourceType } from "../../../modules/loyalty"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { compensateLedgerEntry } from "./compensate-entry"

export const reversePartOfEntryStepId = "reverse-part-of-loyalty-entry"

export type ReversePartOfEntryStepInput = {
  entry_id: string
  points: number
  idempotency_key: string
  source_type: LedgerSourceType
  source_id: string
  reason: string
} | null

/**
 * Takes back part of a credit (never more than is left of it, never below zero). Idempotent on
 * the key. Compensation gives back only what this run took.
 *
 * @example
 * const change = reversePartOfEntryStep({ entry_id, points: 10, idempotency_key: `reverse:return:${id}`, source_type: "return", source_id: id, reason: "Items returned" })
 */
export const reversePartOfEntryStep = createStep(
  reversePartOfEntryStepId,
  async (input: ReversePartOfEntryStepInput, { container }) => {
    if (!input || input.points <= 0) return new StepResponse(null, null)
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    const change = await loyalty.reversePartOfEntry(input)
    return new StepResponse(change, change?.created ? change.entry.id : null)
  },
  compensateLedgerEntry
)
