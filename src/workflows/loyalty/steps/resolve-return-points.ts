import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE } from "../../../modules/loyalty"
import { type EarningBasis, pointsForReturnedItems } from "../../../modules/loyalty/lib/return-points"
import type LoyaltyModuleService from "../../../modules/loyalty/service"

export const resolveReturnPointsStepId = "resolve-return-loyalty-points"

/**
 * How many of an order's earned points its received returns take back now: the points for
 * everything received so far (all returns of the order), minus what earlier returns took.
 * Reads only.
 *
 * @example
 * const { points } = resolveReturnPointsStep({ order_id, earned })
 */
export const resolveReturnPointsStep = createStep(
  resolveReturnPointsStepId,
  async (
    input: { order_id: string; earned: { entry_id: string; points: number; earning_basis: EarningBasis | null } | null },
    { container }
  ) => {
    if (!input.earned) return new StepResponse({ points: 0 })
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    if (!input.earned.earning_basis) {
      // Earned before the plugin kept what points were earned on: nothing to measure against.
      container.resolve(ContainerRegistrationKeys.LOGGER).warn(
        `[rewardflow] order ${input.order_id}: its points were earned without an earning basis; a return cannot take part of them back`
      )
      return new StepResponse({ points: 0 })
    }
    const { data: returns } = await query.graph({
      entity: "return",
      fields: ["id", "items.item_id", "items.received_quantity"],
      filters: { order_id: input.order_id },
    })
    const received: Record<string, number> = {}
    for (const r of returns as any[]) {
      for (const item of r.items ?? []) {
        received[item.item_id] = (received[item.item_id] ?? 0) + Number(item.received_quantity ?? 0)
      }
    }
    const program = await loyalty.getOrCreateDefaultProgram()
    const total = pointsForReturnedItems(input.earned.points, input.earned.earning_basis, received, program.rounding as any)
    const already = await loyalty.pointsTakenBackInParts(input.earned.entry_id)
    return new StepResponse({ points: Math.max(0, total - already) })
  }
)
