import { model } from "@medusajs/framework/utils"

/** A staff member signed in on one device with their PIN; the token (header X-Terminal-Session) is kept as its sha256. */
export const TerminalSession = model
  .define("loyalty_terminal_session", {
    id: model.id({ prefix: "ltses" }).primaryKey(),
    device_id: model.text(),
    staff_id: model.text(),
    token_hash: model.text().unique(),
    expires_at: model.dateTime(),
    ended_at: model.dateTime().nullable(),
    ended_reason: model.text().nullable(),
  })
  .indexes([{ name: "IDX_loyalty_terminal_session_staff_id", on: ["staff_id"] }])
