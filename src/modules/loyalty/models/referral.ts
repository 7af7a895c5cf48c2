import { model } from "@medusajs/framework/utils"

/**
 * A new customer who signed up with a member's referral code. Both sides earn their bonus once,
 * when the referee's first order can no longer be canceled or returned; a refused referral keeps
 * its reason for the admin (self_referral, existing_customer, weekly_limit).
 */
export const Referral = model
  .define("loyalty_referral", {
    id: model.id({ prefix: "lref" }).primaryKey(),
    program_id: model.text(),
    referrer_account_id: model.text(),
    referee_customer_id: model.text(),
    referee_account_id: model.text().nullable(),
    code: model.text(),
    status: model.enum(["signed_up", "qualified", "rewarded", "refused"]).default("signed_up"),
    refusal_reason: model.text().nullable(),
    /** The referee's first order, once placed. */
    order_id: model.text().nullable(),
    rewarded_at: model.dateTime().nullable(),
    metadata: model.json().nullable(),
  })
  .indexes([
    { name: "IDX_loyalty_referral_referee", on: ["program_id", "referee_customer_id"], unique: true, where: "deleted_at IS NULL" },
    { name: "IDX_loyalty_referral_referrer", on: ["referrer_account_id", "created_at"] },
    { name: "IDX_loyalty_referral_order", on: ["order_id"], where: "order_id IS NOT NULL" },
  ])
