import { model } from "@medusajs/framework/utils"

/**
 * The email settings saved in the admin: one row whose `overrides` holds only the fields a
 * merchant set (secrets sealed with AES-256-GCM, see src/lib/layered-settings). Fields not in
 * it fall back to plugin options, env vars and defaults.
 */
export const EmailSettings = model.define("loyalty_email_settings", {
  id: model.id({ prefix: "lmset" }).primaryKey(),
  overrides: model.json().default({}),
  updated_by: model.text().nullable(),
})
