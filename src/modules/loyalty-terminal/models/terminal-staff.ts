import { model } from "@medusajs/framework/utils"

/**
 * A member of the store staff who signs in on terminals with a PIN. `pin_hash` is
 * `scrypt$N$r$p$salt$hash` (see lib/pin-hash); it never leaves the server. The lockout state
 * (`failed_count` inside the window since `window_started_at`, `locked_until`, `lock_count`,
 * `last_locked_at`) is changed only under the row lock (service: withStaffLocked_).
 * `offline_salt` is the per-staff salt of the offline bundle's key derivation (a new one with each
 * new PIN). `offline_sealed` is the staff member's offline Ed25519 seed sealed under the PIN
 * (base64url, lib/offline/seal) with the scrypt parameters in `offline_scrypt` ("N.r.p");
 * `offline_public_key` (base64url) verifies their offline actions at sync. Both are written only
 * while the server holds the plain PIN (create, reset, change, session open); neither is ever sent
 * to a device but in a bundle (only the sealed blob and the salt).
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
  offline_sealed: model.text().nullable(),
  offline_public_key: model.text().nullable(),
  offline_scrypt: model.text().nullable(),
})
