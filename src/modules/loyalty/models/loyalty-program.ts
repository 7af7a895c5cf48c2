import { model } from "@medusajs/framework/utils"
import { LoyaltyAccount } from "./loyalty-account"
import { Reward } from "./reward"

/**
 * A loyalty program: how points are earned and how long they stay valid.
 * `earn_rates` maps a lower-case currency code to `{ points, amount }`:
 * `{ eur: { points: 1, amount: 1 } }` means 1 point per 1.00 EUR counted.
 */
export const LoyaltyProgram = model
  .define("loyalty_program", {
    id: model.id({ prefix: "lprog" }).primaryKey(),
    name: model.text(),
    status: model.enum(["active", "paused"]).default("active"),
    earn_rates: model.json().default({}),
    rounding: model.enum(["floor", "nearest"]).default("floor"),
    count_shipping: model.boolean().default(false),
    count_taxes: model.boolean().default(false),
    welcome_bonus_points: model.number().default(0),
    points_validity_months: model.number().nullable(),
    auto_enroll: model.boolean().default(true),
    default_locale: model.text().default("en"),
    /** Points as money (see PointsAsMoney); null: shoppers spend points on rewards only. */
    points_as_money: model.json().nullable(),
    metadata: model.json().nullable(),
    accounts: model.hasMany(() => LoyaltyAccount, { mappedBy: "program" }),
    rewards: model.hasMany(() => Reward, { mappedBy: "program" }),
  })
  .checks([
    {
      name: "loyalty_program_welcome_bonus_non_negative",
      expression: (c) => `${c.welcome_bonus_points} >= 0`,
    },
    {
      name: "loyalty_program_validity_positive",
      expression: (c) =>
        `${c.points_validity_months} IS NULL OR ${c.points_validity_months} > 0`,
    },
  ])
