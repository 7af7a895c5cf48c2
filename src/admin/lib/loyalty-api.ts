import { sdk } from "./sdk"

export type LoyaltyAccount = {
  id: string
  customer_id: string
  card_number: string
  card_number_formatted: string
  status: "active" | "blocked"
  balance: number
  lifetime_earned: number
  enrolled_at: string
  next_expiry?: { points: number; expires_at: string } | null
}

export type LedgerEntry = {
  id: string
  type: string
  points: number
  balance_after: number
  shortfall: number
  source_type: string
  source_id: string | null
  reason: string | null
  actor_user_id: string | null
  created_at: string
}

export const loyaltyKeys = {
  customerAccount: (customerId: string) => ["rewardflow", "customer-account", customerId] as const,
  account: (accountId: string) => ["rewardflow", "account", accountId] as const,
}

export async function fetchCustomerAccount(customerId: string): Promise<LoyaltyAccount | null> {
  const { accounts } = await sdk.client.fetch<{ accounts: LoyaltyAccount[] }>("/admin/loyalty/accounts", {
    query: { customer_id: customerId, limit: 1 },
  })
  return accounts[0] ?? null
}

export async function fetchAccount(accountId: string, limit = 10) {
  return await sdk.client.fetch<{ account: LoyaltyAccount; entries: LedgerEntry[]; entries_count: number }>(
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
