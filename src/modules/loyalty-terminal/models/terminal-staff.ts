import { model } from "@medusajs/framework/utils"

/**
 * A member of the store staff who signs in on terminals with a PIN. `pin_hash` is
 * `scrypt$N$r$p$salt$hash` (see lib/pin-hash); it never leaves the server. The lockout state
 * (`failed_count` inside the window since `window_started_at`, `locked_until`, `lock_count`,
 * `last_locked_at`) is changed only under the row lock (service: withStaffLocked_).
 * `offline_salt` is the per-staff salt of the offline bundle's key derivation.
 */
export const TerminalStaff = model.define("loyalty_terminal_staff", {
  id: model.id({ prefix: "ltstaff" }).primaryKey(),
  name: model.text(),
  role: model.enum(["cashier", "manager"]).default("cashier"),
  stock_location_ids: model.json().default([] as any),
  user_id: model.text().nullable(),
  pin_hash: model.text(),
  pin_changed_at: model.dateTime().nullable(),
  failed_count: model.number().default(0),
  window_started_at: model.dateTime().nullable(),
  locked_until: model.dateTime().nullable(),
  lock_count: model.number().default(0),
  last_locked_at: model.dateTime().nullable(),
  offline_salt: model.text(),
})
