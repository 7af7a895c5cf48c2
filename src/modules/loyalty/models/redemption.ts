import { model } from "@medusajs/framework/utils"
import { REDEMPTION_KINDS, REDEMPTION_STATUSES } from "../types/rewards"
import { LoyaltyAccount } from "./loyalty-account"
import { Reward } from "./reward"

/**
 * Points spent on one cart: a reward, or points paid as money. Its points are held by a
 * `reserve` ledger entry until the order is placed (`redeem`) or the reservation is
 * released (`release`); both entries close the reserve entry, and the ledger lets an entry
 * be closed only once, so a reservation can never be both spent and given back.
 *
 * pending: points reserved, promotion not applied yet (a crash here is swept by the job);
 * reserved: promotion applied to the cart; redeemed: order placed; released: points back;
 * refunded: the order was canceled and the spent points were given back.
 */
export const Redemption = model
  .define("loyalty_redemption", {
    id: model.id({ prefix: "lrdm" }).primaryKey(),
    kind: model.enum([...REDEMPTION_KINDS]),
    status: model.enum([...REDEMPTION_STATUSES]).default("pending"),
    points: model.number(),
    currency_code: model.text(),
    /** The discount the promotion gives, for fixed amounts (major units); null when it follows the cart. */
    discount_amount: model.bigNumber().nullable(),
    cart_id: model.text(),
    promotion_id: model.text().nullable(),
    promotion_code: model.text().nullable(),
    order_id: model.text().nullable(),
    reserve_entry_id: model.text().nullable(),
    settle_entry_id: model.text().nullable(),
    refund_entry_id: model.text().nullable(),
    idempotency_key: model.text(),
    released_reason: model.text().nullable(),
    redeemed_at: model.dateTime().nullable(),
    released_at: model.dateTime().nullable(),
    refunded_at: model.dateTime().nullable(),
    metadata: model.json().nullable(),
    account: model.belongsTo(() => LoyaltyAccount, { mappedBy: "redemptions" }),
    reward: model.belongsTo(() => Reward, { mappedBy: "redemptions" }).nullable(),
  })
  .indexes([
    { name: "IDX_loyalty_redemption_idempotency_key", on: ["idempotency_key"], unique: true, where: null },
    { name: "IDX_loyalty_redemption_cart_id", on: ["cart_id"] },
    // The checkout guard finds redemptions by the codes a cart carries.
    { name: "IDX_loyalty_redemption_promotion_code", on: ["promotion_code"], where: "promotion_code IS NOT NULL" },
    { name: "IDX_loyalty_redemption_order_id", on: ["order_id"], where: "order_id IS NOT NULL" },
    { name: "IDX_loyalty_redemption_account_reward", on: ["account_id", "reward_id", "status"] },
    {
      name: "IDX_loyalty_redemption_open",
      on: ["status", "updated_at"],
      where: "status IN ('pending', 'reserved')",
    },
  ])
  .checks([{ name: "loyalty_redemption_points_positive", expression: (c) => `${c.points} > 0` }])
