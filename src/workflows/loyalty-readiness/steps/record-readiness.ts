import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE } from "../../../modules/loyalty"
import type LoyaltyModuleService from "../../../modules/loyalty/service"

export const recordReadinessStepId = "record-loyalty-readiness"

export type RecordReadinessStepInput = {
  kind: "wallet_device_check" | "journeys" | "test_cleanup" | "go_live"
  passed: boolean
  actor_user_id: string | null
  note?: string | null
  details?: Record<string, unknown> | null
}

/**
 * Records something the go-live board keeps as history (a device check, a journeys run, a
 * clean-up, the launch). Compensation deletes the record.
 *
 * @example
 * const record = recordReadinessStep({ kind: "wallet_device_check", passed: true, actor_user_id })
 */
export const recordReadinessStep = createStep(
  recordReadinessStepId,
  async (input: RecordReadinessStepInput, { container }) => {
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    const [record] = await loyalty.createLoyaltyReadinessRecords([
      { kind: input.kind, passed: input.passed, actor_user_id: input.actor_user_id, note: input.note ?? null, details: input.details ?? null },
    ])
    return new StepResponse(record, record.id)
  },
  async (id, { container }) => {
    if (!id) return
    await container.resolve<LoyaltyModuleService>(LOYALTY_MODULE).deleteLoyaltyReadinessRecords([id])
  }
)
