import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE, type ReverseEntryInput } from "../../../modules/loyalty"
import type LoyaltyModuleService from "../../../modules/loyalty/service"

export const reverseEntryStepId = "reverse-loyalty-entry"

/**
 * Undoes a ledger entry with a new one (at most once per entry). Returns null when there
 * was nothing to undo.
 *
 * @example
 * const reversal = reverseEntryStep({ entry_id, idempotency_key: `reverse:order:${id}`, source_type: "order", source_id: id })
 */
export const reverseEntryStep = createStep(
  reverseEntryStepId,
  async (input: ReverseEntryInput | null, { container }) => {
    if (!input) return new StepResponse(null)
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    return new StepResponse(await loyalty.reverseEntry(input))
  }
)
