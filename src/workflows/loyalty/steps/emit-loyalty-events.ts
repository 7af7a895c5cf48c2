import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export const emitLoyaltyEventsStepId = "emit-loyalty-events"

export type LoyaltyEventMessage = { name: string; data: Record<string, unknown> }

/**
 * Emits several events of different names in one step, like Medusa's emitEventStep: in the
 * workflow's event group, so they are released when the workflow succeeds and dropped when it
 * fails (compensation clears them).
 *
 * @example
 * emitLoyaltyEventsStep([{ name: "loyalty.points_earned", data: { id, account_id, points } }])
 */
export const emitLoyaltyEventsStep = createStep(
  emitLoyaltyEventsStepId,
  async (messages: LoyaltyEventMessage[], context) => {
    if (!messages.length) return new StepResponse(null)
    const metadata = context.eventGroupId ? { eventGroupId: context.eventGroupId } : {}
    await context.container.resolve(Modules.EVENT_BUS).emit(messages.map((m) => ({ name: m.name, data: m.data, metadata })))
    return new StepResponse(null, { eventGroupId: context.eventGroupId, names: [...new Set(messages.map((m) => m.name))] })
  },
  async (emitted, context) => {
    if (!emitted?.eventGroupId) return
    await context.container.resolve(Modules.EVENT_BUS).clearGroupedEvents(emitted.eventGroupId, { eventNames: emitted.names })
  }
)
