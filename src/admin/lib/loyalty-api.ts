import { sdk } from "./sdk"

export type LoyaltyAccount = {
  id: string
  customer_id: string
  card_number: string
  card_number_formatted: string
  status: "active" | "blocked"
  balance: number
  /** Points the account owes (a clawback its balance could not cover), paid from its next points. */
  points_owed: number
  lifetime_earned: number
  enrolled_at: string
  next_expiry?: { points: number; expires_at: string } | null
  /** Program-depth fields: absent from servers that do not send them yet (the widget then hides them). */
  tier?: { id: string; name: Record<string, string> | string; color?: string | null } | null
  points_pending?: number
  birthday?: { month: number; day: number } | string | null
  referral_code?: string | null
}

export type LedgerEntry = {
  id: string
  type: string
  points: number
  balance_after: number
  shortfall: number
  owed_change?: number
  source_type: string
  source_id: string | null
  reason: string | null
  actor_user_id: string | null
  created_at: string
}

/** The account's Google Wallet pass: `issued` once the shopper asked for the save link. */
export type WalletPassState = {
  issued: boolean
  object_id: string | null
  synced_balance: number | null
  out_of_date: boolean
  last_error: string | null
  last_synced_at: string | null
  attempts: number
  next_attempt_at: string | null
}

export type RedemptionStatus = "pending" | "reserved" | "redeemed" | "released" | "refunded"

export type AdminRedemption = {
  id: string
  kind: "reward" | "points"
  status: RedemptionStatus
  points: number
  currency_code: string
  discount_amount: number | null
  cart_id: string
  order_id: string | null
  promotion_code: string | null
  released_reason: string | null
  created_at: string
  reward: { id: string; name: Record<string, string>; type: string; points_cost: number } | null
  account: { id: string; card_number_formatted: string; customer_id: string; customer: { id: string; email: string } | null } | null
}

export type OrderLoyalty = {
  order: { id: string; display_id: number; customer_id: string | null; email: string | null; status: string }
  account: (LoyaltyAccount & { customer: { id: string; email: string; first_name: string | null; last_name: string | null } | null }) | null
  entries: LedgerEntry[]
  redemptions: AdminRedemption[]
  points: { earned: number; reversed: number; net: number; owed: number }
}

export const loyaltyKeys = {
  customerAccount: (customerId: string) => ["rewardflow", "customer-account", customerId] as const,
  account: (accountId: string) => ["rewardflow", "account", accountId] as const,
  customerRedemptions: (customerId: string) => ["rewardflow", "customer-redemptions", customerId] as const,
  order: (orderId: string) => ["rewardflow", "order", orderId] as const,
}

export async function fetchCustomerAccount(customerId: string): Promise<LoyaltyAccount | null> {
  const { accounts } = await sdk.client.fetch<{ accounts: LoyaltyAccount[] }>("/admin/loyalty/accounts", {
    query: { customer_id: customerId, limit: 1 },
  })
  return accounts[0] ?? null
}

export async function fetchAccount(accountId: string, limit = 10) {
  return await sdk.client.fetch<{ account: LoyaltyAccount; wallet_pass: WalletPassState; entries: LedgerEntry[]; entries_count: number }>(
    `/admin/loyalty/accounts/${accountId}`,
    { query: { limit } }
  )
}

export async function enrollCustomer(customerId: string) {
  return await sdk.client.fetch<{ account: LoyaltyAccount }>("/admin/loyalty/accounts", {
    method: "POST",
    body: { customer_id: customerId },
  })
}

export async function adjustPoints(accountId: string, body: { points: number; reason: string }, idempotencyKey: string) {
  return await sdk.client.fetch<{ account: { id: string; balance: number } }>(
    `/admin/loyalty/accounts/${accountId}/adjust`,
    { method: "POST", body, headers: { "Idempotency-Key": idempotencyKey } }
  )
}

/** The customer's most recent redemptions, newest first. */
export async function fetchCustomerRedemptions(customerId: string, limit = 5) {
  return await sdk.client.fetch<{ redemptions: AdminRedemption[]; count: number }>("/admin/loyalty/redemptions", {
    query: { customer_id: customerId, limit },
  })
}

/** An order's loyalty: points earned (and reversed), rewards redeemed on it, the customer's card. */
export async function fetchOrderLoyalty(orderId: string) {
  return await sdk.client.fetch<OrderLoyalty>(`/admin/loyalty/orders/${orderId}`)
}
