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
  type: Extract<LedgerEntryType, "earn" | "welcome_bonus" | "adjust" | "transfer">
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
  source_type: LedgerSourceType
  source_id?: string | null
  actor?: LedgerActor
  reason?: string | null
}

export type LedgerEntryDTO = {
  id: string
  account_id: string
  type: LedgerEntryType
  points: number
  balance_after: number
  shortfall: number
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
  balance: number
}

export type BalanceDrift = {
  account_id: string
  cached_balance: number
  ledger_balance: number
  lot_balance: number
}

export type RebuildBalancesResult = {
  accounts_checked: number
  drift: BalanceDrift[]
  fixed: boolean
}

export type EarnRate = { points: number; amount: number }

export type EnrollInput = {
  program_id: string
  customer_id: string
  locale?: string | null
  actor?: LedgerActor
}

export type EnrollResult = {
  account_id: string
  created: boolean
  /** The welcome bonus credited with this enrollment, if any. */
  welcome_bonus: LedgerChangeResult | null
}

/**
 * Idempotency keys of entries that undo a failed workflow run start with this. An entry undone
 * this way no longer holds its key: a retry writes a new entry under `<key>:after:<undo id>`.
 */
export const COMPENSATION_KEY_PREFIX = "compensate:"

export * from "./rewards"
