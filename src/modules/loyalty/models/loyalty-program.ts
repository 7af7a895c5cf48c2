import { model } from "@medusajs/framework/utils"
import { LoyaltyAccount } from "./loyalty-account"
import { Reward } from "./reward"
import { Tier } from "./tier"

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
    /** Expiry falls on the last day of the month the validity ends in (23:59:59.999 in the program's time zone). */
    validity_end_of_month: model.boolean().default(false),
    /** Any earning moves the expiry of every open lot out to a full validity from that day. */
    activity_extends_validity: model.boolean().default(false),
    /** Days order points stay pending (not spendable) after the order; null: off. */
    pending_days: model.number().nullable(),
    /** What tier thresholds count: points earned (never the balance) or money spent. */
    tier_basis: model.enum(["points_earned", "money_spent"]).default("points_earned"),
    /** Over which window the threshold counts. */
    tier_period: model.enum(["rolling_12_months", "calendar_year"]).default("rolling_12_months"),
    /** Days a member stays in a tier after falling below its threshold. */
    tier_grace_days: model.number().default(30),
    /** money_spent: the currency whose orders count (thresholds in its major units); null: the first earn rate's. */
    tier_currency_code: model.text().nullable(),
    /** IANA time zone of the program's calendar (birthdays, calendar years, end of month). */
    time_zone: model.text().default("UTC"),
    birthday_bonus_points: model.number().default(0),
    referral_referrer_points: model.number().default(0),
    referral_referee_points: model.number().default(0),
    /** Referrals one member may make per 7 days; more are refused (reason weekly_limit). */
    referral_weekly_limit: model.number().default(5),
    auto_enroll: model.boolean().default(true),
    default_locale: model.text().default("en"),
    /** Points as money (see PointsAsMoney); null: shoppers spend points on rewards only. */
    points_as_money: model.json().nullable(),
    /** When the merchant took the program live from the go-live board, and who did. */
    went_live_at: model.dateTime().nullable(),
    went_live_by: model.text().nullable(),
    metadata: model.json().nullable(),
    accounts: model.hasMany(() => LoyaltyAccount, { mappedBy: "program" }),
    rewards: model.hasMany(() => Reward, { mappedBy: "program" }),
    tiers: model.hasMany(() => Tier, { mappedBy: "program" }),
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
    { name: "loyalty_program_pending_days_range", expression: (c) => `${c.pending_days} IS NULL OR (${c.pending_days} >= 1 AND ${c.pending_days} <= 365)` },
    { name: "loyalty_program_tier_grace_days_range", expression: (c) => `${c.tier_grace_days} >= 0 AND ${c.tier_grace_days} <= 365` },
    {
      name: "loyalty_program_bonuses_non_negative",
      expression: (c) =>
        `${c.birthday_bonus_points} >= 0 AND ${c.referral_referrer_points} >= 0 AND ${c.referral_referee_points} >= 0 AND ${c.referral_weekly_limit} >= 0`,
    },
  ])
