import type { LedgerEntry, LoyaltyAccount, WalletPassState } from "./loyalty-api"
import { sdk } from "./sdk"

export type MemberCustomer = { id: string; email: string | null; first_name: string | null; last_name: string | null }

/** One row of `GET /admin/loyalty/accounts`. */
export type MemberRow = LoyaltyAccount & { tier_id: string | null; is_test: boolean; customer: MemberCustomer | null }

export type MemberFilters = { q?: string; status?: "active" | "blocked"; tier_id?: string; limit: number; offset: number }

export type StatusChange = { status: "active" | "blocked"; reason: string | null; actor_user_id: string | null; at: string }

export type MemberEntry = LedgerEntry & { actor_customer_id: string | null; actor_device_id: string | null; actor_staff_id: string | null }

/** `GET /admin/loyalty/accounts/:id`: the member, the pass, a page of the ledger and who acted on it. */
export type MemberDetail = {
  account: MemberRow & { points_reserved: number; points_pending: number; status_history: StatusChange[] }
  wallet_pass: WalletPassState
  entries: MemberEntry[]
  entries_count: number
  actors: {
    users: Record<string, MemberCustomer>
    customers: Record<string, MemberCustomer>
    devices: Record<string, { id: string; name: string }>
    staff: Record<string, { id: string; name: string }>
  }
}

export type Tier = { id: string; name: Record<string, string>; threshold: number; color: string | null }

export const memberKeys = {
  all: ["rewardflow", "members"] as const,
  list: (filters: MemberFilters) => ["rewardflow", "members", "list", filters] as const,
  tiers: ["rewardflow", "members", "tiers"] as const,
}

/** Members matching the search and filters, newest first, with the total count. */
export const listMembers = ({ q, status, tier_id, limit, offset }: MemberFilters) =>
  sdk.client.fetch<{ accounts: MemberRow[]; count: number }>("/admin/loyalty/accounts", {
    query: { limit, offset, ...(q ? { q } : {}), ...(status ? { status } : {}), ...(tier_id ? { tier_id } : {}) },
  })

/** The member with one page of their ledger. */
export const fetchMember = (id: string, limit: number, offset: number) =>
  sdk.client.fetch<MemberDetail>(`/admin/loyalty/accounts/${id}`, { query: { limit, offset } })

export const fetchTiers = async () => (await sdk.client.fetch<{ tiers: Tier[] }>("/admin/loyalty/tiers")).tiers

/** Blocks or unblocks the member; the reason goes to the status history. */
export const setMemberStatus = (id: string, status: "active" | "blocked", reason: string) =>
  sdk.client.fetch<{ account: MemberRow }>(`/admin/loyalty/accounts/${id}`, { method: "POST", body: { status, reason } })

/** Flags the member as test data (or not): the go-live clean-up removes test data. */
export const setMemberTest = (id: string, is_test: boolean) =>
  sdk.client.fetch<{ account: MemberRow }>(`/admin/loyalty/accounts/${id}`, { method: "POST", body: { is_test } })

/** "Anna Müller", or the email when the customer has no name. */
export const personName = (p: MemberCustomer | null | undefined) =>
  p ? [p.first_name, p.last_name].filter(Boolean).join(" ") || p.email || p.id : null
