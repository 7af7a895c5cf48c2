import { model } from "@medusajs/framework/utils"

/**
 * A paired tablet of one store (a Medusa stock location). Only the sha256 of its token is kept
 * (hex); the token is shown once, at pairing or rotation. A revoked device is refused at once.
 */
export const TerminalDevice = model
  .define("loyalty_terminal_device", {
    id: model.id({ prefix: "ltdev" }).primaryKey(),
    stock_location_id: model.text(),
    name: model.text(),
    token_hash: model.text().unique(),
    token_rotated_at: model.dateTime().nullable(),
    revoked_at: model.dateTime().nullable(),
    revoked_by: model.text().nullable(),
    last_seen_at: model.dateTime().nullable(),
    metadata: model.json().nullable(),
  })
  .indexes([{ name: "IDX_loyalty_terminal_device_stock_location_id", on: ["stock_location_id"] }])
