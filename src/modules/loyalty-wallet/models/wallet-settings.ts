import { model } from "@medusajs/framework/utils"

/**
 * The Wallet settings saved in the admin: one row (`scope` is unique) whose `overrides` holds
 * only the fields the merchant set, secrets sealed with AES-256-GCM (see src/lib/layered-settings).
 */
export const WalletSettings = model.define("loyalty_wallet_settings", {
  id: model.id({ prefix: "lwset" }).primaryKey(),
  scope: model.text().unique(),
  overrides: model.json().nullable(),
})
