import { model } from "@medusajs/framework/utils"
import { REWARD_TYPES } from "../types/rewards"
import { LoyaltyProgram } from "./loyalty-program"
import { Redemption } from "./redemption"

/**
 * What points buy. Money fields are per currency in major units (`{ eur: 5 }` is 5.00 EUR),
 * like Medusa's prices. `name` and `description` are per locale (`en` is required).
 */
export const Reward = model
  .define("loyalty_reward", {
    id: model.id({ prefix: "lrwd" }).primaryKey(),
    name: model.json(),
    description: model.json().nullable(),
    points_cost: model.number(),
    type: model.enum([...REWARD_TYPES]),
    /** fixed_amount: discount per currency. */
    amounts: model.json().nullable(),
    /** percentage: 1 to 100. */
    percentage: model.number().nullable(),
    /** percentage: optional cap per currency. */
    max_discount: model.json().nullable(),
    /** free_product: the product variant given for free (one unit). */
    variant_id: model.text().nullable(),
    /** Optional minimum cart subtotal per currency. */
    min_subtotal: model.json().nullable(),
    starts_at: model.dateTime().nullable(),
    ends_at: model.dateTime().nullable(),
    /** How many times one shopper may redeem it (reserved and redeemed count); null: no limit. */
    per_customer_limit: model.number().nullable(),
    is_active: model.boolean().default(true),
    metadata: model.json().nullable(),
    program: model.belongsTo(() => LoyaltyProgram, { mappedBy: "rewards" }),
    redemptions: model.hasMany(() => Redemption, { mappedBy: "reward" }),
  })
  .indexes([{ name: "IDX_loyalty_reward_program_active", on: ["program_id", "is_active"] }])
  .checks([
    { name: "loyalty_reward_points_cost_positive", expression: (c) => `${c.points_cost} > 0` },
    {
      name: "loyalty_reward_percentage_range",
      expression: (c) => `${c.percentage} IS NULL OR (${c.percentage} > 0 AND ${c.percentage} <= 100)`,
    },
    {
      name: "loyalty_reward_per_customer_limit_positive",
      expression: (c) => `${c.per_customer_limit} IS NULL OR ${c.per_customer_limit} > 0`,
    },
  ])
