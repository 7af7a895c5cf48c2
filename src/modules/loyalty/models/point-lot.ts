import { model } from "@medusajs/framework/utils"
import { LoyaltyAccount } from "./loyalty-account"

/**
 * Points credited together, with one expiry date. Debits consume lots oldest expiry first;
 * `remaining` is what is left of `points`.
 */
export const PointLot = model
  .define("loyalty_point_lot", {
    id: model.id({ prefix: "llot" }).primaryKey(),
    entry_id: model.text(),
    points: model.number(),
    remaining: model.number(),
    expires_at: model.dateTime().nullable(),
    account: model.belongsTo(() => LoyaltyAccount, { mappedBy: "lots" }),
  })
  .indexes([
    { name: "IDX_loyalty_point_lot_account_expiry", on: ["account_id", "expires_at"] },
    { name: "IDX_loyalty_point_lot_entry_id", on: ["entry_id"], unique: true, where: null },
    // Debits read an account's open lots oldest expiry first (ASC puts NULL expiry last).
    {
      name: "IDX_loyalty_point_lot_open",
      on: ["account_id", "expires_at", "created_at", "id"],
      where: "remaining > 0",
    },
  ])
  .checks([
    {
      name: "loyalty_point_lot_remaining_range",
      expression: (c) => `${c.remaining} >= 0 AND ${c.remaining} <= ${c.points}`,
    },
  ])
