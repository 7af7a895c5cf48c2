import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export const deactivatePromotionStepId = "deactivate-redemption-promotion"

/**
 * Sets a redemption's promotion inactive, so its code works nowhere any more.
 * Compensation restores the status it had.
 *
 * @example
 * deactivatePromotionStep({ promotion_ids: [redemption.promotion_id] })
 */
export const deactivatePromotionStep = createStep(
  deactivatePromotionStepId,
  async (input: { promotion_ids: (string | null)[] }, { container }) => {
    const ids = input.promotion_ids.filter((id): id is string => !!id)
    if (!ids.length) return new StepResponse([], [])
    const promotions = container.resolve(Modules.PROMOTION)
    const before = await promotions.listPromotions({ id: ids }, { select: ["id", "status"] })
    const active = before.filter((p) => p.status !== "inactive")
    if (active.length) {
      await promotions.updatePromotions(active.map((p) => ({ id: p.id, status: "inactive" as any })))
    }
    return new StepResponse(active.map((p) => p.id), active.map((p) => ({ id: p.id, status: p.status })))
  },
  async (previous, { container }) => {
    if (!previous?.length) return
    await container.resolve(Modules.PROMOTION).updatePromotions(previous as any)
  }
)
