import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export const softDeleteTestOrdersStepId = "soft-delete-loyalty-test-orders"

/**
 * Soft-deletes the test orders through Medusa's order module. Compensation restores them.
 *
 * @example
 * softDeleteTestOrdersStep({ order_ids })
 */
export const softDeleteTestOrdersStep = createStep(
  softDeleteTestOrdersStepId,
  async ({ order_ids }: { order_ids: string[] }, { container }) => {
    if (!order_ids.length) return new StepResponse(0, [] as string[])
    await container.resolve(Modules.ORDER).softDeleteOrders(order_ids)
    return new StepResponse(order_ids.length, order_ids)
  },
  async (ids, { container }) => {
    if (!ids?.length) return
    await container.resolve(Modules.ORDER).restoreOrders(ids)
  }
)
