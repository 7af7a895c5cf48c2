import { model } from "@medusajs/framework/utils"

/**
 * Every action a device uploaded at POST /terminal/sync, once per `client_id`: `applied` (with the
 * ledger entry), or `pending_review` with the reason it was refused, waiting for a manager in the
 * admin to re-award it (then `applied`, `resolved_by` the admin user) or to discard it
 * (`discarded`, with `resolution_note`). `action` is the uploaded action JSON as signed.
 */
export const TerminalOfflineAction = model
  .define("loyalty_terminal_offline_action", {
    id: model.id({ prefix: "ltoact" }).primaryKey(),
    client_id: model.text().unique(),
    device_id: model.text(),
    stock_location_id: model.text(),
    staff_id: model.text().nullable(),
    type: model.text(),
    action: model.json(),
    status: model.enum(["applied", "pending_review", "discarded"]),
    reason: model.text().nullable(),
    reason_details: model.json().nullable(),
    entry_id: model.text().nullable(),
    resolved_by: model.text().nullable(),
    resolved_at: model.dateTime().nullable(),
    resolution_note: model.text().nullable(),
  })
  .indexes([{ name: "IDX_loyalty_terminal_offline_action_status", on: ["status", "created_at"] }])
