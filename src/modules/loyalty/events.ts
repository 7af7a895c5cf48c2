/**
 * Events the plugin emits through Medusa's event bus. Each carries ids only; load what you
 * need with query.graph. Subscribe with `export const config = { event: LoyaltyEvents.POINTS_EARNED }`.
 */
export const LoyaltyEvents = {
  /** { id: account_id, customer_id, program_id } */
  ACCOUNT_ENROLLED: "loyalty.account_enrolled",
  /** { id: entry_id, account_id, customer_id, points, balance, type: "earn" | "welcome_bonus", order_id? } */
  POINTS_EARNED: "loyalty.points_earned",
  /** { id: entry_id, account_id, customer_id, points, shortfall, balance, order_id? } */
  POINTS_REVERSED: "loyalty.points_reversed",
  /** { id: entry_id, account_id, customer_id, points, balance, user_id } */
  POINTS_ADJUSTED: "loyalty.points_adjusted",
  /** { id: entry_id, account_id, customer_id, points, balance } */
  POINTS_EXPIRED: "loyalty.points_expired",
} as const

export type LoyaltyEventName = (typeof LoyaltyEvents)[keyof typeof LoyaltyEvents]
