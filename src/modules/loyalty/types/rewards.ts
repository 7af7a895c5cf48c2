export const REWARD_TYPES = ["fixed_amount", "percentage", "free_shipping", "free_product"] as const
export type RewardType = (typeof REWARD_TYPES)[number]

export const REDEMPTION_KINDS = ["reward", "points"] as const
export type RedemptionKind = (typeof REDEMPTION_KINDS)[number]

export const REDEMPTION_STATUSES = ["pending", "reserved", "redeemed", "released", "refunded"] as const
export type RedemptionStatus = (typeof REDEMPTION_STATUSES)[number]

export const REWARD_LOCALES = ["en", "fr", "de", "lb"] as const
export type RewardLocale = (typeof REWARD_LOCALES)[number]
export type LocalizedText = Partial<Record<RewardLocale, string>> & { en: string }

/** Per currency, lower-case code -> amount in major units. */
export type MoneyByCurrency = Record<string, number>

export type RewardDTO = {
  id: string
  program_id: string
  name: LocalizedText
  description: Partial<Record<RewardLocale, string>> | null
  points_cost: number
  type: RewardType
  amounts: MoneyByCurrency | null
  percentage: number | null
  max_discount: MoneyByCurrency | null
  variant_id: string | null
  min_subtotal: MoneyByCurrency | null
  starts_at: Date | null
  ends_at: Date | null
  per_customer_limit: number | null
  is_active: boolean
  metadata: Record<string, unknown> | null
}

export type RedemptionDTO = {
  id: string
  kind: RedemptionKind
  status: RedemptionStatus
  account_id: string
  reward_id: string | null
  points: number
  currency_code: string
  discount_amount: number | string | null
  cart_id: string
  promotion_id: string | null
  promotion_code: string | null
  order_id: string | null
  reserve_entry_id: string | null
  settle_entry_id: string | null
  refund_entry_id: string | null
  idempotency_key: string
  released_reason: string | null
  created_at: Date
  updated_at: Date
  redeemed_at: Date | null
  released_at: Date | null
  refunded_at: Date | null
}

/** Points as money: a program setting that lets shoppers pay part of a cart with points. */
export type PointsAsMoney = {
  enabled: boolean
  /** Money one point is worth, per currency, major units: `{ eur: 0.01 }`. */
  value_per_point: MoneyByCurrency
  /** Largest share of the cart subtotal points may pay, 0 < share <= 1. */
  max_cart_share: number
}
