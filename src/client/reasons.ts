/**
 * The reasons the plugin's store routes give when they refuse a request (every 4xx body is
 * `{ type, message, reason, ...details }`), and the detail fields each one carries.
 *
 * This mirrors REFUSAL_REASONS of the server (src/modules/loyalty/lib/refusal.ts) without
 * importing it: the client must run in a browser. A unit test keeps the two lists equal.
 */

/** Every reason, in the server's order. */
export const REWARDFLOW_REASONS = [
  "invalid_request",
  "not_authenticated",
  "not_enrolled",
  "account_blocked",
  "account_busy",
  "cart_busy",
  "idempotency_key_reused",
  "cart_not_found",
  "cart_completed",
  "variant_not_found",
  "reward_not_found",
  "reward_not_available",
  "reward_already_applied",
  "reward_limit_reached",
  "insufficient_points",
  "min_subtotal_not_met",
  "currency_not_supported",
  "discount_too_small",
  "free_product_not_in_cart",
  "no_shipping_method",
  "nothing_to_discount",
  "points_already_applied",
  "points_as_money_disabled",
  "points_below_minimum",
  "points_above_cart_share",
  "redemption_not_found",
  "redemption_spent",
  "loyalty_code_not_applicable",
  "nothing_to_award",
  "receipt_already_awarded",
  "receipt_cap_exceeded",
  "device_hourly_cap_exceeded",
  "manager_approval_required",
  "void_window_passed",
  "wallet_not_configured",
  "invalid_birthday",
  "conflict",
  "not_found",
  "not_allowed",
] as const

/** A stable code a storefront can switch on (never on the English `message`). */
export type RewardFlowReason = (typeof REWARDFLOW_REASONS)[number]

type Empty = Record<never, never>

/** The detail fields that come with each reason, at the top level of the error body. */
export interface RewardFlowReasonDetails {
  /** A field of the request (or a header) is missing or wrong; `field` names the first, `errors` lists each. */
  invalid_request: { field: string | null; errors: { field: string; message: string }[] }
  /** No logged-in customer (session or bearer token). */
  not_authenticated: Empty
  /** The shopper is not a member yet: enroll first. */
  not_enrolled: Empty
  /** The shopper's account is blocked: points cannot be spent. */
  account_blocked: { account_status: string }
  /** Another change of the shopper's points holds the account: retry after `retry_after_ms`. */
  account_busy: { retry_after_ms: number }
  /** Another change holds the cart (a checkout running): retry after `retry_after_ms`. */
  cart_busy: { cart_id: string; retry_after_ms: number }
  /** This Idempotency-Key was used for another request: send a new key. */
  idempotency_key_reused: { idempotency_key: string }
  /** No such cart, or it is another customer's. */
  cart_not_found: { cart_id: string }
  /** The cart became an order: its rewards are part of the order. */
  cart_completed: { cart_id: string; order_id: string | null }
  /** No such product variant, or its product is not published. */
  variant_not_found: { variant_id: string }
  /** No such reward in this program. */
  reward_not_found: { reward_id: string }
  /** The reward is inactive, not started yet or over. */
  reward_not_available: { reward_id: string; starts_at: string | null; ends_at: string | null }
  /** This reward is already on the cart. */
  reward_already_applied: { reward_id: string }
  /** The shopper has used the reward as often as allowed per customer. */
  reward_limit_reached: { reward_id: string; limit: number; used: number }
  /** The balance does not cover the points asked. */
  insufficient_points: { balance: number; points_required: number; points_missing: number }
  /** The cart's item subtotal is below the reward's minimum (amounts in major units). */
  min_subtotal_not_met: { currency_code: string; min_subtotal: number; subtotal: number; amount_missing: number }
  /** The reward (or points as money) is not offered in the cart's currency; `currencies` lists where it is. */
  currency_not_supported: { currency_code: string; currencies: string[] }
  /** The reward's percentage comes to less than the currency's smallest unit on this cart. */
  discount_too_small: { currency_code: string }
  /** Add the free product's variant to the cart first. */
  free_product_not_in_cart: { variant_id: string }
  /** Free shipping needs a shipping method on the cart. */
  no_shipping_method: Empty
  /** Nothing in the cart qualifies for the reward's discount. */
  nothing_to_discount: Empty
  /** Points already pay for part of the cart: remove them to change the amount. */
  points_already_applied: { redemption_id: string }
  /** The program does not let points pay for carts. */
  points_as_money_disabled: Empty
  /** So few points are worth less than the currency's smallest unit; `min_points` is the least. */
  points_below_minimum: { min_points: number }
  /** The points are worth more than the share of the cart they may pay; `max_points` is the most. */
  points_above_cart_share: { max_points: number; max_cart_share: number }
  /** No such redemption on this cart for this shopper. */
  redemption_not_found: { redemption_id: string }
  /** The redemption was spent on an order. */
  redemption_spent: { redemption_id: string; order_id: string | null }
  /** A loyalty promotion code that is not an open reward of this cart. */
  loyalty_code_not_applicable: { code: string }
  /** In store: the receipt's amount earns no points at the program's rate. */
  nothing_to_award: { points: number }
  /** In store: this receipt number was awarded in this store with another amount, currency or account. */
  receipt_already_awarded: { entry_id: string; receipt_number: string }
  /** In store: the receipt would earn more points than one receipt may. */
  receipt_cap_exceeded: { limit: number; points: number }
  /** In store: the device would award more points in an hour than it may. */
  device_hourly_cap_exceeded: { limit: number; awarded_last_hour: number; points: number }
  /** In store: an award above `limit` points needs a manager's PIN as well. */
  manager_approval_required: { limit: number; points: number }
  /** In store: an award can be voided only on the day it was made. */
  void_window_passed: { awarded_at: string }
  /** The store has not set up Google Wallet. */
  wallet_not_configured: Empty
  /** The birthday names a day its month does not have (29 February is allowed). */
  invalid_birthday: { month: number; day: number }
  /** The request conflicted with another one; the message says what to do. */
  conflict: Empty
  /** What the request names does not exist. */
  not_found: Empty
  /** Refused for a reason without a code of its own; the message says why. */
  not_allowed: Empty
}

/** The detail field names of each reason, as the server lists them. */
export const REWARDFLOW_REASON_FIELDS: { readonly [R in RewardFlowReason]: readonly (keyof RewardFlowReasonDetails[R])[] } = {
  invalid_request: ["field", "errors"],
  not_authenticated: [],
  not_enrolled: [],
  account_blocked: ["account_status"],
  account_busy: ["retry_after_ms"],
  cart_busy: ["cart_id", "retry_after_ms"],
  idempotency_key_reused: ["idempotency_key"],
  cart_not_found: ["cart_id"],
  cart_completed: ["cart_id", "order_id"],
  variant_not_found: ["variant_id"],
  reward_not_found: ["reward_id"],
  reward_not_available: ["reward_id", "starts_at", "ends_at"],
  reward_already_applied: ["reward_id"],
  reward_limit_reached: ["reward_id", "limit", "used"],
  insufficient_points: ["balance", "points_required", "points_missing"],
  min_subtotal_not_met: ["currency_code", "min_subtotal", "subtotal", "amount_missing"],
  currency_not_supported: ["currency_code", "currencies"],
  discount_too_small: ["currency_code"],
  free_product_not_in_cart: ["variant_id"],
  no_shipping_method: [],
  nothing_to_discount: [],
  points_already_applied: ["redemption_id"],
  points_as_money_disabled: [],
  points_below_minimum: ["min_points"],
  points_above_cart_share: ["max_points", "max_cart_share"],
  redemption_not_found: ["redemption_id"],
  redemption_spent: ["redemption_id", "order_id"],
  loyalty_code_not_applicable: ["code"],
  nothing_to_award: ["points"],
  receipt_already_awarded: ["entry_id", "receipt_number"],
  receipt_cap_exceeded: ["limit", "points"],
  device_hourly_cap_exceeded: ["limit", "awarded_last_hour", "points"],
  manager_approval_required: ["limit", "points"],
  void_window_passed: ["awarded_at"],
  wallet_not_configured: [],
  invalid_birthday: ["month", "day"],
  conflict: [],
  not_found: [],
  not_allowed: [],
}

// Compile-time check: the details interface names exactly the reasons of the list.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const _detailsCoverEveryReason: Same<keyof RewardFlowReasonDetails, RewardFlowReason> = true
void _detailsCoverEveryReason

export function isRewardFlowReason(value: unknown): value is RewardFlowReason {
  return typeof value === "string" && (REWARDFLOW_REASONS as readonly string[]).includes(value)
}
