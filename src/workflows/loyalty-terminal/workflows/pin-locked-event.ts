import { emitEventStep } from "@medusajs/medusa/core-flows"
import { transform, when } from "@medusajs/framework/workflows-sdk"
import { TerminalEvents } from "../../../modules/loyalty-terminal/events"

type LockSource = { locked_now: boolean; staff_id: string; locked_until: Date | null; lock_count: number; device_id: string | null }

/** Inside a workflow: emits `loyalty.staff_pin_locked` when the PIN check just locked the staff member. */
export function emitStaffPinLocked(name: string, source: LockSource | any) {
  when(`${name}-if-locked`, { source }, ({ source }) => !!source.locked_now).then(() => {
    emitEventStep({
      eventName: TerminalEvents.STAFF_PIN_LOCKED,
      data: transform({ source }, ({ source }) => ({
        id: source.staff_id,
        device_id: source.device_id,
        locked_until: source.locked_until,
        lock_count: source.lock_count,
      })),
    }).config({ name: `${name}-emit-locked` })
  })
}
