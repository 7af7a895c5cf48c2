import { model } from "@medusajs/framework/utils"

/**
 * The merchant's estimate for the loyalty liability (IFRS 15 / ASC 606): what one point is worth
 * when redeemed (in `currency_code`) and the share of points expected to be redeemed. Never
 * updated: a new estimate is a new row from `effective_at` on, so what was allocated to points
 * under an earlier estimate stays allocated (a new estimate changes only what is recognized).
 */
export const LiabilityEstimate = model
  .define("loyalty_liability_estimate", {
    id: model.id({ prefix: "lliab" }).primaryKey(),
    program_id: model.text(),
    currency_code: model.text(),
    /** Money per point in the currency's major unit, e.g. 0.01. */
    point_value: model.bigNumber(),
    /** 0 to 1 (0.97 = 97 % of issued points expected to be redeemed). */
    expected_redemption_rate: model.bigNumber(),
    effective_at: model.dateTime(),
    actor_user_id: model.text().nullable(),
  })
  .indexes([{ name: "IDX_loyalty_liability_estimate_program_effective", on: ["program_id", "effective_at"] }])
