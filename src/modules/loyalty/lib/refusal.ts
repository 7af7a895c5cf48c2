import { MedusaError } from "@medusajs/framework/utils"

/**
 * The reasons the store routes give for a refusal, with the HTTP status each answers and the
 * fields that come with it. A storefront acts on `reason`, never on the English `message`.
 * The README's store route table lists these; the typed client (src/client) mirrors them.
 */
export const REFUSAL_REASONS = {
  invalid_request: { status: 400, fields: ["field", "errors"], description: "A field of the request (or a header) is missing or wrong; `field` names the first, `errors` lists each `{ field, message }`." },
  not_authenticated: { status: 401, fields: [], description: "No logged-in customer (session or bearer token)." },
  not_enrolled: { status: 400, other_status: 404, fields: [], description: "The shopper is not a member yet: enroll first (404 on the Google Wallet link)." },
  account_blocked: { status: 400, fields: ["account_status"], description: "The shopper's account is blocked: points cannot be spent." },
  account_busy: { status: 409, fields: ["retry_after_ms"], description: "Another change of the shopper's points holds the account: retry shortly." },
  cart_busy: { status: 409, fields: ["cart_id", "retry_after_ms"], description: "Another change holds the cart (a checkout running): retry shortly." },
  idempotency_key_reused: { status: 409, fields: ["idempotency_key"], description: "This Idempotency-Key was used for another request: send a new key." },
  cart_not_found: { status: 404, fields: ["cart_id"], description: "No such cart, or it is another customer's." },
  cart_completed: { status: 400, fields: ["cart_id", "order_id"], description: "The cart became an order: its rewards are part of the order." },
  variant_not_found: { status: 404, fields: ["variant_id"], description: "No such product variant, or its product is not published." },
  reward_not_found: { status: 404, fields: ["reward_id"], description: "No such reward in this program." },
  reward_not_available: { status: 400, fields: ["reward_id", "starts_at", "ends_at"], description: "The reward is inactive, not started yet (`starts_at`) or over (`ends_at`)." },
  reward_already_applied: { status: 400, fields: ["reward_id"], description: "This reward is already on the cart." },
  reward_limit_reached: { status: 400, fields: ["reward_id", "limit", "used"], description: "The shopper has used the reward as often as allowed per customer." },
  insufficient_points: { status: 400, fields: ["balance", "points_required", "points_missing"], description: "The balance does not cover the points asked." },
  min_subtotal_not_met: { status: 400, fields: ["currency_code", "min_subtotal", "subtotal", "amount_missing"], description: "The cart's item subtotal is below the reward's minimum." },
  currency_not_supported: { status: 400, fields: ["currency_code", "currencies"], description: "The reward (or points as money) is not offered in the cart's currency; `currencies` lists where it is." },
  discount_too_small: { status: 400, fields: ["currency_code"], description: "The reward's percentage comes to less than the currency's smallest unit on this cart." },
  free_product_not_in_cart: { status: 400, fields: ["variant_id"], description: "Add the free product's variant to the cart first." },
  no_shipping_method: { status: 400, fields: [], description: "Free shipping needs a shipping method on the cart: choose one first." },
  nothing_to_discount: { status: 400, fields: [], description: "Nothing in the cart qualifies for the reward's discount." },
  points_already_applied: { status: 400, fields: ["redemption_id"], description: "Points already pay for part of the cart: remove them to change the amount." },
  points_as_money_disabled: { status: 400, fields: [], description: "The program does not let points pay for carts." },
  points_below_minimum: { status: 400, fields: ["min_points"], description: "So few points are worth less than the currency's smallest unit; `min_points` is the least." },
  points_above_cart_share: { status: 400, fields: ["max_points", "max_cart_share"], description: "The points are worth more than the share of the cart they may pay; `max_points` is the most." },
  redemption_not_found: { status: 404, fields: ["redemption_id"], description: "No such redemption on this cart for this shopper." },
  redemption_spent: { status: 400, fields: ["redemption_id", "order_id"], description: "The redemption was spent on an order: its points come back only if the order is canceled." },
  loyalty_code_not_applicable: { status: 400, fields: ["code"], description: "A loyalty promotion code given to Medusa's cart promotion route that is not an open reward of this cart (released, spent, another cart's)." },
  nothing_to_award: { status: 400, fields: ["points"], description: "In store: the receipt's amount earns no points at the program's rate." },
  receipt_already_awarded: { status: 409, fields: ["entry_id", "receipt_number"], description: "In store: this receipt number was awarded in this store with another amount, currency or account." },
  receipt_cap_exceeded: { status: 400, fields: ["limit", "points"], description: "In store: the receipt would earn more points than one receipt may (`limit`)." },
  device_hourly_cap_exceeded: { status: 400, fields: ["limit", "awarded_last_hour", "points"], description: "In store: the device would award more points in an hour than it may (`limit`)." },
  manager_approval_required: { status: 400, fields: ["limit", "points"], description: "In store: an award above `limit` points needs a manager's PIN as well." },
  void_window_passed: { status: 400, fields: ["awarded_at"], description: "In store: an award can be voided only on the day it was made; adjust the account instead." },
  wallet_not_configured: { status: 400, fields: [], description: "The store has not set up Google Wallet." },
  invalid_birthday: { status: 400, fields: ["month", "day"], description: "The birthday names a day its month does not have (29 February is allowed)." },
  conflict: { status: 409, fields: [], description: "The request conflicted with another one; the message says what to do." },
  not_found: { status: 404, fields: [], description: "What the request names does not exist." },
  not_allowed: { status: 400, fields: [], description: "Refused for a reason without a code of its own; the message says why." },
} as const satisfies Record<string, { status: number; other_status?: number; fields: readonly string[]; description: string }>

export type RefusalReason = keyof typeof REFUSAL_REASONS

export type RefusalDetails = Record<string, string | number | boolean | null | string[]>

/** A refusal a program can act on: a MedusaError with a stable `reason` and the figures involved. */
export type Refusal = MedusaError & { reason: RefusalReason; details: RefusalDetails }

const TYPE_BY_STATUS: Record<number, string> = {
  400: MedusaError.Types.NOT_ALLOWED,
  401: MedusaError.Types.UNAUTHORIZED,
  404: MedusaError.Types.NOT_FOUND,
  409: MedusaError.Types.CONFLICT,
}

/**
 * Builds the error for a refusal. `reason` and `details` are own properties, so they survive
 * a workflow step (the engine serializes a step's error with its own properties).
 */
export function refusal(reason: RefusalReason, message: string, details: RefusalDetails = {}, type?: string): Refusal {
  const error = new MedusaError(type ?? TYPE_BY_STATUS[REFUSAL_REASONS[reason].status], message) as Refusal
  error.reason = reason
  error.details = details
  return error
}

export function isRefusal(error: unknown): error is { type: string; message: string; reason: RefusalReason; details?: RefusalDetails } {
  const e = error as { reason?: unknown } | null
  return !!e && typeof e.reason === "string" && e.reason in REFUSAL_REASONS
}
