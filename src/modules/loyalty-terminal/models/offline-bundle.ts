import { model } from "@medusajs/framework/utils"

/**
 * A bundle given to a device (GET /terminal/offline-bundle): only its lifetime is kept. At sync an
 * action is accepted only if its `created_at` falls inside the lifetime of a bundle this device
 * was given, so a tablet that keeps working past its bundle's expiry is refused.
 */
export const TerminalOfflineBundle = model
  .define("loyalty_terminal_offline_bundle", {
    id: model.id({ prefix: "ltobun" }).primaryKey(),
    device_id: model.text(),
    issued_at: model.dateTime(),
    expires_at: model.dateTime(),
  })
  .indexes([{ name: "IDX_loyalty_terminal_offline_bundle_device_id", on: ["device_id", "issued_at"] }])
