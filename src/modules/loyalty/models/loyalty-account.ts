import { model } from "@medusajs/framework/utils"
import { LedgerEntry } from "./ledger-entry"
import { LoyaltyProgram } from "./loyalty-program"
import { PointLot } from "./point-lot"
import { Redemption } from "./redemption"

/**
 * One shopper's membership in a program. `balance` (spendable points), `points_owed` and
 * `lifetime_earned` are caches of sums over the ledger (`points`, `owed_change`,
 * `earned_change`), written in the same transaction as every entry, with this row locked.
 * Nobody holds spendable points while owing: a debt is paid before a credit can be spent.
 */
export const LoyaltyAccount = model
  .define("loyalty_account", {
    id: model.id({ prefix: "lacct" }).primaryKey(),
    customer_id: model.text(),
    card_number: model.text().unique(),
    status: model.enum(["active", "blocked"]).default("active"),
    balance: model.number().default(0),
    points_owed: model.number().default(0),
    lifetime_earned: model.number().default(0),
    /** Order points not spendable yet (the program's pending period): a cache of the entries' `pending_change`. */
    points_pending: model.number().default(0),
    enrolled_at: model.dateTime(),
    locale: model.text().nullable(),
    /** The member's tier (null: below every tier); moved by the tier rules only. */
    tier_id: model.text().nullable(),
    tier_reached_at: model.dateTime().nullable(),
    /** When the daily evaluation first found the member below the tier's threshold (grace period start). */
    tier_below_since: model.dateTime().nullable(),
    birthday_month: model.number().nullable(),
    birthday_day: model.number().nullable(),
    /** When a birthday was first given, and when a given birthday was last changed (anti-farming rules). */
    birthday_set_at: model.dateTime().nullable(),
    birthday_changed_at: model.dateTime().nullable(),
    /** The code a member shares (link `?ref=CODE`); unique. */
    referral_code: model.text().nullable(),
    /** Test data (the demo seed, the journeys, an admin action): excluded from analytics, removed by the go-live clean-up. */
    is_test: model.boolean().default(false),
    metadata: model.json().nullable(),
    program: model.belongsTo(() => LoyaltyProgram, { mappedBy: "accounts" }),
    entries: model.hasMany(() => LedgerEntry, { mappedBy: "account" }),
    lots: model.hasMany(() => PointLot, { mappedBy: "account" }),
    redemptions: model.hasMany(() => Redemption, { mappedBy: "account" }),
  })
  .indexes([
    { name: "IDX_loyalty_account_program_customer", on: ["program_id", "customer_id"], unique: true, where: null },
    { name: "IDX_loyalty_account_customer_id", on: ["customer_id"] },
    { name: "IDX_loyalty_account_referral_code", on: ["referral_code"], unique: true, where: "referral_code IS NOT NULL" },
    { name: "IDX_loyalty_account_tier", on: ["program_id", "tier_id"] },
    // Analytics count members by enrollment date.
    { name: "IDX_loyalty_account_program_enrolled", on: ["program_id", "enrolled_at"] },
    { name: "IDX_loyalty_account_is_test", on: ["program_id"], where: "is_test = true" },
    { name: "IDX_loyalty_account_birthday", on: ["birthday_month", "birthday_day"], where: "birthday_month IS NOT NULL" },
  ])
  .checks([
    { name: "loyalty_account_balance_non_negative", expression: (c) => `${c.balance} >= 0` },
    { name: "loyalty_account_points_owed_non_negative", expression: (c) => `${c.points_owed} >= 0` },
    { name: "loyalty_account_points_pending_non_negative", expression: (c) => `${c.points_pending} >= 0` },
    {
      name: "loyalty_account_birthday_valid",
      expression: (c) =>
        `(${c.birthday_month} IS NULL AND ${c.birthday_day} IS NULL) OR (${c.birthday_month} BETWEEN 1 AND 12 AND ${c.birthday_day} BETWEEN 1 AND 31)`,
    },
    {
      name: "loyalty_account_no_balance_while_owing",
      expression: (c) => `${c.balance} = 0 OR ${c.points_owed} = 0`,
    },
  ])
