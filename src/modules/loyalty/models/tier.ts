import { model } from "@medusajs/framework/utils"
import { LoyaltyProgram } from "./loyalty-program"

/**
 * A VIP tier. Members reach it when what they earned (or spent) over the program's tier period
 * reaches `threshold`; its `multiplier` scales what orders earn. `name` and `perks` are per locale
 * (`en` required). Tiers rank by threshold.
 */
export const Tier = model
  .define("loyalty_tier", {
    id: model.id({ prefix: "ltier" }).primaryKey(),
    name: model.json(),
    perks: model.json().nullable(),
    /** Points earned, or money spent in the tier currency's major units (program.tier_basis). */
    threshold: model.number(),
    /** Earn multiplier, e.g. 1.25 (two decimals at most). */
    multiplier: model.float().default(1),
    /** #RRGGBB for the Wallet pass; null: the program's colour. */
    color: model.text().nullable(),
    metadata: model.json().nullable(),
    program: model.belongsTo(() => LoyaltyProgram, { mappedBy: "tiers" }),
  })
  .indexes([{ name: "IDX_loyalty_tier_program_threshold", on: ["program_id", "threshold"], unique: true, where: "deleted_at IS NULL" }])
  .checks([
    { name: "loyalty_tier_threshold_non_negative", expression: (c) => `${c.threshold} >= 0` },
    { name: "loyalty_tier_multiplier_range", expression: (c) => `${c.multiplier} >= 1 AND ${c.multiplier} <= 10` },
  ])
