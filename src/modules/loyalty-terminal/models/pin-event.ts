import { model } from "@medusajs/framework/utils"

/**
 * The PIN history of a staff member: every failure, lock and unlock, with the device and who
 * acted. `attempt_id` (unique) makes a failure a tablet reports count once however often it is sent.
 */
export const TerminalPinEvent = model
  .define("loyalty_terminal_pin_event", {
    id: model.id({ prefix: "ltpev" }).primaryKey(),
    staff_id: model.text(),
    device_id: model.text().nullable(),
    type: model.enum(["failure", "lock", "unlock", "success_reset", "pin_reset", "pin_changed"]),
    attempt_id: model.text().unique().nullable(),
    actor_user_id: model.text().nullable(),
    actor_staff_id: model.text().nullable(),
    locked_until: model.dateTime().nullable(),
    metadata: model.json().nullable(),
  })
  .indexes([{ name: "IDX_loyalty_terminal_pin_event_staff_id", on: ["staff_id", "created_at"] }])
