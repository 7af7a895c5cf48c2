import { model } from "@medusajs/framework/utils"

/**
 * The Google Wallet loyalty class of one program. `payload_hash` is the hash of the class body
 * last written to Google, so the class is patched only when the program or settings changed.
 */
export const WalletClass = model.define("loyalty_wallet_class", {
  id: model.id({ prefix: "lwcls" }).primaryKey(),
  program_id: model.text().unique(),
  class_id: model.text(),
  payload_hash: model.text().nullable(),
  synced_at: model.dateTime().nullable(),
})
