import { model } from "@medusajs/framework/utils"

/**
 * Remembers that an account was told its points expire on a given day, so the expiring-points
 * job emits `loyalty.points_expiring` once per account and expiry date, however often it runs.
 */
export const ExpiryNotice = model
  .define("loyalty_expiry_notice", {
    id: model.id({ prefix: "lmexp" }).primaryKey(),
    account_id: model.text(),
    expires_on: model.text(),
    points: model.number(),
  })
  .indexes([{ name: "IDX_loyalty_expiry_notice_account_day", on: ["account_id", "expires_on"], unique: true, where: null }])
