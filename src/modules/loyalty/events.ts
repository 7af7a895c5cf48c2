/**
 * Events the plugin emits through Medusa's event bus. Each carries ids only; load what you
 * need with query.graph. Subscribe with `export const config = { event: LoyaltyEvents.POINTS_EARNED }`.
 */
export const LoyaltyEvents = {
  /** { id: account_id, customer_id, program_id } */
  ACCOUNT_ENROLLED: "loyalty.account_enrolled",
  /**
   * { id: entry_id, account_id, customer_id, points, balance, type: "earn" | "welcome_bonus" | "mature" | "birthday_bonus" | "referral_bonus", order_id?, referral_id? }:
   * spendable points credited (`mature`: an order's pending points became spendable)
   */
  POINTS_EARNED: "loyalty.points_earned",
  /** { id: entry_id, account_id, customer_id, points, available_at, order_id }: order points written as pending (not spendable before available_at) */
  POINTS_PENDING: "loyalty.points_pending",
  /** { id: entry_id, account_id, customer_id, points, shortfall, pending_change, balance, order_id? } */
  POINTS_REVERSED: "loyalty.points_reversed",
  /** { id: entry_id, account_id, customer_id, points, balance, user_id } */
  POINTS_ADJUSTED: "loyalty.points_adjusted",
  /** { id: entry_id, account_id, customer_id, points, balance } */
  POINTS_EXPIRED: "loyalty.points_expired",
  /** { id: entry_id, account_id, customer_id, points, balance, redemption_id, cart_id, reward_id } */
  POINTS_RESERVED: "loyalty.points_reserved",
  /** { id: entry_id, account_id, customer_id, points, balance, redemption_id, cart_id, reward_id } */
  POINTS_RELEASED: "loyalty.points_released",
  /** { id: redemption_id, account_id, customer_id, points, balance, order_id, reward_id } (the reserved points are now spent) */
  POINTS_REDEEMED: "loyalty.points_redeemed",
  /** { id: reward_id, account_id, customer_id, balance, points_cost }: the balance first covers this reward */
  REWARD_READY: "loyalty.reward_ready",
  /** { id: account_id, customer_id, points, expires_at, balance }: points expire soon (emitted by the messaging job) */
  POINTS_EXPIRING: "loyalty.points_expiring",
  /** { id: account_id, customer_id, fields }: an admin changed the account (`fields`: status, locale, metadata) */
  ACCOUNT_UPDATED: "loyalty.account_updated",
  /** { id: program_id, fields }: an admin changed the program (`fields`: name, default_locale, earn_rates, ...) */
  PROGRAM_UPDATED: "loyalty.program_updated",
  /**
   * { id: cart_id, codes }: a change of the cart's promotions (Medusa's promotion route, a cart
   * update) took loyalty codes off; emitted once that change succeeded. The plugin releases their
   * reservations on it.
   */
  CART_CODES_REMOVED: "loyalty.cart_codes_removed",
  /**
   * { id: account_id, customer_id, from_tier_id, to_tier_id, direction: "up" | "down", change_id, qualifying_value }:
   * a member moved to another tier (null: below every tier); once per move
   */
  TIER_CHANGED: "loyalty.tier_changed",
} as const

/** Every event after which an account's balance may differ (Wallet pass sync listens to these). */
export const BALANCE_CHANGE_EVENTS = [
  "loyalty.account_enrolled",
  "loyalty.points_earned",
  "loyalty.points_reversed",
  "loyalty.points_adjusted",
  "loyalty.points_expired",
  "loyalty.points_reserved",
  "loyalty.points_released",
  "loyalty.points_redeemed",
] as const

export type LoyaltyEventName = (typeof LoyaltyEvents)[keyof typeof LoyaltyEvents]
