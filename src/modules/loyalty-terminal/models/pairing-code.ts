import { model } from "@medusajs/framework/utils"

/** A single-use code an admin makes for a store; the tablet trades it for its token. Only the hash is kept. */
export const TerminalPairingCode = model.define("loyalty_terminal_pairing_code", {
  id: model.id({ prefix: "ltpair" }).primaryKey(),
  stock_location_id: model.text(),
  code_hash: model.text().unique(),
  expires_at: model.dateTime(),
  used_at: model.dateTime().nullable(),
  device_id: model.text().nullable(),
  created_by: model.text().nullable(),
})
