export const LEDGER_ENTRY_TYPES = [
  "earn",
  "welcome_bonus",
  "redeem",
  "reserve",
  "release",
  "reverse",
  "adjust",
  "expire",
  "transfer",
  /** Points the account owes: a clawback the balance could not cover (0 points, owed_change > 0). */
  "debt",
  /** Owed points paid from a later credit or release (points < 0, owed_change < 0). */
  "debt_paid",
  /** Once per calendar year on the member's birthday (program.birthday_bonus_points). */
  "birthday_bonus",
  /** A referral's bonus, to the referrer or to the new customer (program.referral_*_points). */
  "referral_bonus",
  /**
   * Pending order points becoming spendable at the end of the program's pending period
   * (points > 0, pending_change < 0; creates the lot). A pending award is an `earn` entry with
   * points 0 and pending_change > 0.
   */
  "mature",
] as const
export type LedgerEntryType = (typeof LEDGER_ENTRY_TYPES)[number]

export const LEDGER_SOURCE_TYPES = [
  "order",
  "return",
  "redemption",
  "admin",
  "terminal",
  "job",
  "enrollment",
  "birthday",
  "referral",
] as const
export type LedgerSourceType = (typeof LEDGER_SOURCE_TYPES)[number]

/** Who caused a ledger entry. Every field is optional; set what applies. */
export type LedgerActor = {
  user_id?: string | null
  customer_id?: string | null
  device_id?: string | null
  staff_id?: string | null
}

type LedgerChangeBase = {
  account_id: string
  /** Positive number of points to move. */
  points: number
  source_type: LedgerSourceType
  source_id?: string | null
  /** UNIQUE across the ledger: the same key never changes points twice. */
  idempotency_key: string
  actor?: LedgerActor
  reason?: string | null
  metadata?: Record<string, unknown> | null
}

export type CreditPointsInput = LedgerChangeBase & {
  type: Extract<LedgerEntryType, "earn" | "welcome_bonus" | "adjust" | "transfer" | "birthday_bonus" | "referral_bonus">
  /** Expiry of the lot created by this credit; defaults to the program's validity. */
  expires_at?: Date | null
  /** Whether the credit counts towards lifetime_earned (default: true for earn and welcome_bonus). */
  counts_as_earned?: boolean
}

export type DebitPointsInput = LedgerChangeBase & {
  type: Extract<LedgerEntryType, "redeem" | "reserve" | "adjust" | "expire" | "transfer">
}

export type ReverseEntryInput = {
  /** The entry to undo: a credit is taken back, a debit is given back to its lots. */
  entry_id: string
  idempotency_key: string
  type?: Extract<LedgerEntryType, "reverse" | "release">
  /** Default: the reversed entry's source (type and id). */
  source_type?: LedgerSourceType
  source_id?: string | null
  actor?: LedgerActor
  reason?: string | null
  metadata?: Record<string, unknown> | null
}

export type LedgerEntryDTO = {
  id: string
  account_id: string
  type: LedgerEntryType
  /** Change of the spendable balance. */
  points: number
  balance_after: number
  /** Of a clawback: the part the balance could not cover (owed, or already expired). */
  shortfall: number
  /** Change of the points the account owes: + by a `debt` entry, - by a `debt_paid` entry. */
  owed_change: number
  /** Change of lifetime_earned: + by earning credits, - by clawbacks of them. */
  earned_change: number
  /**
   * Change of points_pending: + by an order's `earn` during the program's pending period,
   * - by its clawbacks then and by its `mature` entry.
   */
  pending_change: number
  source_type: LedgerSourceType
  source_id: string | null
  idempotency_key: string
  reverses_entry_id: string | null
  lot_allocations: LotAllocation[] | null
  actor_user_id: string | null
  actor_customer_id: string | null
  actor_device_id: string | null
  actor_staff_id: string | null
  reason: string | null
  metadata: Record<string, unknown> | null
  created_at: Date
}

export type LotAllocation = { lot_id: string; points: number }

/** Result of a ledger change: `created` is false when the idempotency key had been used. */
export type LedgerChangeResult = {
  entry: LedgerEntryDTO
  created: boolean
  /** The account's balance after the change (and after any debt it paid). */
  balance: number
  /** What the account owes after the change. */
  points_owed: number
  /** The `debt` entry a clawback wrote, or the `debt_paid` entry a credit or release wrote. */
  debt?: LedgerEntryDTO | null
}

export type BalanceDrift = {
  account_id: string
  cached_balance: number
  ledger_balance: number
  lot_balance: number
  cached_points_owed: number
  ledger_points_owed: number
  cached_lifetime_earned: number
  ledger_lifetime_earned: number
  /** Present when the account has pending points by its cache or its entries (`pending_change`). */
  cached_points_pending?: number
  ledger_points_pending?: number
  /** Lots whose `remaining` differs from what the entries that used and restored them say. */
  lots: { lot_id: string; remaining: number; expected: number }[]
}

export type RebuildBalancesResult = {
  accounts_checked: number
  drift: BalanceDrift[]
  /** True when `fix` was asked and drifted accounts were rewritten from their entries. */
  fixed: boolean
  /** Drift that --fix cannot repair (a lot the entries say holds less than 0 or more than it was given). */
  unrepairable: { account_id: string; problem: string }[]
}

export type EarnRate = { points: number; amount: number }

export type EnrollInput = {
  program_id: string
  customer_id: string
  locale?: string | null
  actor?: LedgerActor
  /** A sign-up with a member's referral code: what the workflow read of both customers. */
  referral?: import("../lib/ledger/referral-store").ReferralSignupFacts | null
  /** The clock of the referral rules (weekly limit); default: now. */
  now?: Date
}

export type EnrollResult = {
  account_id: string
  created: boolean
  /** The welcome bonus credited with this enrollment, if any. */
  welcome_bonus: LedgerChangeResult | null
  /** The referral a code made (or the one the customer already had); null without a code. */
  referral?: import("../lib/ledger/referral-store").ReferralSignup | null
}

/**
 * Idempotency keys of entries that undo a failed workflow run start with this. An entry undone
 * this way no longer holds its key: a retry writes a new entry under `<key>:after:<undo id>`.
 */
export const COMPENSATION_KEY_PREFIX = "compensate:"

export * from "./rewards"
