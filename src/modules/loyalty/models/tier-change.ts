import { model } from "@medusajs/framework/utils"

/** A member's move between tiers (upgrade at once, downgrade after the grace period), for the admin's history. */
export const TierChange = model
  .define("loyalty_tier_change", {
    id: model.id({ prefix: "ltchg" }).primaryKey(),
    account_id: model.text(),
    from_tier_id: model.text().nullable(),
    to_tier_id: model.text().nullable(),
    direction: model.enum(["up", "down"]),
    /** What was counted (points earned or money spent over the period) when the change was decided. */
    qualifying_value: model.number(),
    reason: model.text().nullable(),
  })
  .indexes([{ name: "IDX_loyalty_tier_change_account", on: ["account_id", "created_at"] }])
