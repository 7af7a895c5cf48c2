import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export const deactivatePromotionStepId = "deactivate-redemption-promotion"

export type DeactivatePromotionInput = {
  promotion_ids: (string | null | undefined)[]
  /**
   * Codes of the same redemptions: a crash after the promotion was created but before the
   * redemption recorded its id leaves only the code (chosen when the points were reserved).
   */
  promotion_codes?: (string | null | undefined)[]
}

/**
 * Sets the promotions with these ids or codes inactive; returns those it changed, with the
 * status they had.
 */
export async function deactivatePromotions(container: { resolve: (key: string) => any }, input: DeactivatePromotionInput) {
  const ids = [...new Set(input.promotion_ids.filter((id): id is string => !!id))]
  const codes = [...new Set((input.promotion_codes ?? []).filter((c): c is string => !!c))]
  if (!ids.length && !codes.length) return []
  const promotions = container.resolve(Modules.PROMOTION)
  const [byId, byCode] = await Promise.all([
    ids.length ? promotions.listPromotions({ id: ids }, { select: ["id", "status"] }) : [],
    codes.length ? promotions.listPromotions({ code: codes }, { select: ["id", "status"] }) : [],
  ])
  const found = new Map<string, { id: string; status: string }>([...byId, ...byCode].map((p: any) => [p.id, p]))
  const active = [...found.values()].filter((p) => p.status !== "inactive")
  if (active.length) {
    await promotions.updatePromotions(active.map((p) => ({ id: p.id, status: "inactive" as any })))
  }
  return active
}

/**
 * Sets redemptions' promotions inactive, so their codes work nowhere any more. Promotions are
 * found by id, and by code for redemptions that never recorded the promotion's id.
 * Compensation restores the status they had.
 *
 * @example
 * deactivatePromotionStep({ promotion_ids: [redemption.promotion_id], promotion_codes: [redemption.promotion_code] })
 */
export const deactivatePromotionStep = createStep(
  deactivatePromotionStepId,
  async (input: DeactivatePromotionInput, { container }) => {
    const active = await deactivatePromotions(container, input)
    return new StepResponse(active.map((p) => p.id), active.map((p) => ({ id: p.id, status: p.status })))
  },
  async (previous, { container }) => {
    if (!previous?.length) return
    await container.resolve(Modules.PROMOTION).updatePromotions(previous as any)
  }
)
