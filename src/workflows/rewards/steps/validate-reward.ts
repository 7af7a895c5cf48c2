import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { RewardDTO } from "../../../modules/loyalty"
import { fitsCurrency } from "../../../modules/loyalty/lib/money"
import { loadCurrencyDigits } from "../../redemption/currency-precision"

export const validateRewardStepId = "validate-loyalty-reward"

export type RewardInput = Partial<Omit<RewardDTO, "id" | "program_id">>

/**
 * Checks what a reward needs beyond its shape: the fields its type requires, a window that
 * ends after it starts, amounts no finer than their currency (JPY has no decimals, KWD three),
 * and for free products a variant that exists. On update, `current` is merged first so a
 * partial change is checked as the whole reward it makes; amounts are checked as sent.
 *
 * @example
 * validateRewardStep({ reward: input })
 */
export const validateRewardStep = createStep(
  validateRewardStepId,
  async (input: { reward: RewardInput; current?: RewardDTO | null }, { container }) => {
    const r = { ...(input.current ?? {}), ...input.reward } as RewardInput
    const invalid = (message: string) => new MedusaError(MedusaError.Types.INVALID_DATA, message)
    if (r.type === "fixed_amount" && !Object.keys(r.amounts ?? {}).length) {
      throw invalid("amounts is required for a fixed_amount reward: the discount per currency, e.g. { \"eur\": 5 }")
    }
    if (r.type === "percentage" && !r.percentage) {
      throw invalid("percentage is required for a percentage reward (1 to 100)")
    }
    if (r.type === "free_product") {
      if (!r.variant_id) throw invalid("variant_id is required for a free_product reward")
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({ entity: "product_variant", fields: ["id"], filters: { id: r.variant_id } })
      if (!data.length) throw invalid(`variant_id ${r.variant_id} is not a product variant of this store`)
    }
    const money = (["amounts", "max_discount", "min_subtotal"] as const).flatMap((field) =>
      Object.entries(input.reward[field] ?? {}).map(([code, amount]) => ({ field, code: code.toLowerCase(), amount }))
    )
    if (money.length) {
      const digits = await loadCurrencyDigits(container, money.map((m) => m.code))
      const tooFine = money.find((m) => !fitsCurrency(m.amount, digits[m.code]))
      if (tooFine) {
        const d = digits[tooFine.code]
        throw invalid(
          `${tooFine.field}.${tooFine.code} is ${tooFine.amount}, but ${tooFine.code.toUpperCase()} amounts have ${d === 0 ? "no decimals" : `at most ${d} decimal${d === 1 ? "" : "s"}`}`
        )
      }
    }
    if (r.starts_at && r.ends_at && new Date(r.ends_at) <= new Date(r.starts_at)) {
      throw invalid("ends_at must be after starts_at")
    }
    return new StepResponse(true)
  }
)
