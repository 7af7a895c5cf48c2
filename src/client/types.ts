import type { HttpTypes } from "@medusajs/types"
import type { RewardFlowReason } from "./reasons"

/** Dates come as ISO 8601 strings. */
export type IsoDate = string

export type RewardFlowLocale = "en" | "fr" | "de" | "lb"

export type LedgerEntryType =
  | "earn"
  | "welcome_bonus"
  | "redeem"
  | "reserve"
  | "release"
  | "reverse"
  | "adjust"
  | "expire"
  | "transfer"
  | "debt"
  | "debt_paid"

export type LedgerSourceType = "order" | "return" | "redemption" | "admin" | "terminal" | "job" | "enrollment"

export type RewardType = "fixed_amount" | "percentage" | "free_shipping" | "free_product"

export type RedemptionKind = "reward" | "points"

export type RedemptionStatus = "pending" | "reserved" | "redeemed" | "released" | "refunded"

/** Per lower-case currency code, an amount in major units (`{ eur: 5 }` is 5.00 EUR). */
export type MoneyByCurrency = Record<string, number>

/** `{ points: 1, amount: 2 }`: 1 point per 2.00 of the currency counted. */
export type EarnRate = { points: number; amount: number }

/** The program's points-as-money setting. */
export type PointsAsMoneySetting = {
  enabled: boolean
  /** Money one point is worth, per currency, major units: `{ eur: 0.01 }`. */
  value_per_point: MoneyByCurrency
  /** Largest share of the cart's items points may pay, 0 < share <= 1. */
  max_cart_share: number
}

/** What a shopper may know of the program (`GET /store/loyalty/me`). */
export type ShopperProgram = {
  id: string
  name: string
  status: "active" | "paused"
  /** Per lower-case currency code; an order in a currency without a rate earns nothing. */
  earn_rates: Record<string, EarnRate>
  welcome_bonus_points: number
  /** Months before earned points expire; null: never. */
  points_validity_months: number | null
  default_locale: RewardFlowLocale
  points_as_money: PointsAsMoneySetting | null
}

export type LoyaltyAccount = {
  id: string
  program_id: string
  customer_id: string
  /** 16 digits, Luhn-checked, printable as a barcode. */
  card_number: string
  /** The card number in groups of four. */
  card_number_formatted: string
  status: "active" | "blocked"
  /** Spendable points. */
  balance: number
  /** Points a clawback could not take, paid from the next points. */
  points_owed: number
  lifetime_earned: number
  enrolled_at: IsoDate
  locale: RewardFlowLocale | null
  created_at: IsoDate
  updated_at: IsoDate
  /** The next points to expire: the earliest date and how many expire then. */
  next_expiry: { points: number; expires_at: IsoDate } | null
}

/** `GET /store/loyalty/me` */
export type StoreLoyaltyMeResponse =
  | { enrolled: true; account: LoyaltyAccount; program: ShopperProgram }
  | { enrolled: false; account: null; program: ShopperProgram }

/** `POST /store/loyalty/enroll` (201 the first time, 200 when already a member: same body). */
export type StoreLoyaltyEnrollResponse = Extract<StoreLoyaltyMeResponse, { enrolled: true }>

export type StoreLoyaltyEnrollBody = { locale?: RewardFlowLocale }

/** One change of points as the shopper sees it. */
export type ShopperLedgerEntry = {
  id: string
  type: LedgerEntryType
  /** Change of the spendable balance. */
  points: number
  balance_after: number
  /** Points a clawback could not take from the balance. */
  shortfall: number
  /** Change of the points owed. */
  owed_change: number
  source_type: LedgerSourceType
  source_id: string | null
  reason: string | null
  created_at: IsoDate
}

export type StoreLoyaltyEntriesQuery = {
  /** 1-100, default 20. */
  limit?: number
  offset?: number
  type?: LedgerEntryType
}

/** `GET /store/loyalty/me/entries`: newest first. */
export type StoreLoyaltyEntriesResponse = {
  entries: ShopperLedgerEntry[]
  count: number
  limit: number
  offset: number
}

/** Whether a reward can go on the cart named by `cart_id`, and why not. */
export type RewardOnCart = {
  applicable: boolean
  /** Why it cannot (null when it can). */
  reason: RewardFlowReason | null
  message: string | null
  details: Record<string, unknown> | null
  /** The discount it would give on the cart now, major units (null when not applicable or it follows the cart). */
  discount_amount: number | null
}

/** What points as money allows on the cart named by `cart_id`. */
export type PointsAsMoneyOnCart = {
  applicable: boolean
  reason: RewardFlowReason | null
  message: string | null
  details: Record<string, unknown> | null
  /** The cart's currency, lower case. */
  currency_code: string
  /** Money one point is worth in the cart's currency; null when points do not pay in it. */
  value_per_point: number | null
  /** The fewest points worth the currency's smallest unit. */
  min_points: number | null
  /** The most points the cart takes now (its share of the items, and the balance); null when not applicable. */
  max_points: number | null
  /** What `max_points` are worth, major units; null when not applicable. */
  max_amount: number | null
}

export type StoreReward<OnCart extends RewardOnCart | null = RewardOnCart | null> = {
  id: string
  /** In the request's locale (`?locale=`, `x-medusa-locale`, the shopper's, the program's). */
  name: string
  description: string | null
  type: RewardType
  points_cost: number
  amounts: MoneyByCurrency | null
  percentage: number | null
  max_discount: MoneyByCurrency | null
  variant_id: string | null
  min_subtotal: MoneyByCurrency | null
  ends_at: IsoDate | null
  /** Uses left for this shopper; null: no limit. */
  uses_left: number | null
  affordable: boolean
  points_missing: number
  /** Set when the request named a cart (`cart_id`), null otherwise. */
  on_cart: OnCart
}

export type StorePointsAsMoney<OnCart extends PointsAsMoneyOnCart | null = PointsAsMoneyOnCart | null> = PointsAsMoneySetting & {
  on_cart: OnCart
}

export type StoreLoyaltyRewardsQuery = {
  /** Check every reward (and points as money) against this cart. */
  cart_id?: string
  locale?: RewardFlowLocale | string
}

/** `GET /store/loyalty/rewards` without `cart_id`. */
export type StoreLoyaltyRewardsResponse = {
  balance: number
  enrolled: boolean
  locale: RewardFlowLocale
  cart_id: null
  rewards: StoreReward<null>[]
  points_as_money: StorePointsAsMoney<null> | null
}

/** `GET /store/loyalty/rewards?cart_id=...` */
export type StoreLoyaltyCartRewardsResponse = {
  balance: number
  enrolled: boolean
  locale: RewardFlowLocale
  cart_id: string
  rewards: StoreReward<RewardOnCart>[]
  points_as_money: StorePointsAsMoney<PointsAsMoneyOnCart> | null
}

/** `GET /store/loyalty/me/wallet/google` */
export type StoreGoogleWalletLinkResponse = {
  google_wallet: {
    /** The "Add to Google Wallet" link. */
    url: string
    class_id: string
    object_id: string
    environment: "demo" | "production"
    /** `skinny`: the JWT names a pass written through Google's API; `full`: it carries the pass. */
    jwt: "skinny" | "full"
  }
}

/** Points spent on a cart: a reward, or points paid as money. */
export type StoreRedemption = {
  id: string
  kind: RedemptionKind
  status: RedemptionStatus
  points: number
  currency_code: string
  /** The discount it gives, major units; null when it follows the cart. */
  discount_amount: number | null
  cart_id: string
  /** The single-use promotion code on the cart. */
  promotion_code: string | null
  order_id: string | null
  reward_id: string | null
  released_reason: string | null
  created_at: IsoDate
  redeemed_at: IsoDate | null
  released_at: IsoDate | null
  refunded_at: IsoDate | null
}

/** `{ reward_id }` (a reward of the catalog) or `{ points }` (points as money). */
export type StoreApplyRedemptionBody = { reward_id: string; points?: never } | { points: number; reward_id?: never }

/** `GET /store/carts/:id/loyalty/redemptions` */
export type StoreCartRedemptionsResponse = {
  /** The cart as `GET /store/carts/:id` returns it. */
  cart: HttpTypes.StoreCart
  redemptions: StoreRedemption[]
  balance: number
}

/** `POST /store/carts/:id/loyalty/redemptions`: 201 for a new redemption, 200 with `replayed: true` for a replayed Idempotency-Key. */
export type StoreApplyRedemptionResponse = {
  redemption: StoreRedemption
  replayed: boolean
  cart: HttpTypes.StoreCart
  balance: number
}

/** `DELETE /store/carts/:id/loyalty/redemptions/:redemption_id` (idempotent). */
export type StoreRemoveRedemptionResponse = {
  id: string
  object: "loyalty_redemption"
  deleted: boolean
  redemption: StoreRedemption
  cart: HttpTypes.StoreCart
  balance: number
}
