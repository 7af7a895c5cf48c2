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
  /** Once a year on the member's birthday. */
  | "birthday_bonus"
  /** A referral's bonus, to the referrer or to the referred friend. */
  | "referral_bonus"
  /** An order's pending points becoming spendable. */
  | "mature"

export type LedgerSourceType = "order" | "return" | "redemption" | "admin" | "terminal" | "job" | "enrollment" | "birthday" | "referral"

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
  /** Order points of the program's pending period: not spendable yet, shown apart from the balance. */
  points_pending: number
  enrolled_at: IsoDate
  locale: RewardFlowLocale | null
  created_at: IsoDate
  updated_at: IsoDate
  /** The next points to expire: the earliest date and how many expire then. */
  next_expiry: { points: number; expires_at: IsoDate } | null
  /** The pending points per order, the soonest available first (empty when none). */
  pending: { points: number; order_id: string; available_at: IsoDate }[]
  /** The member's birthday (month 1-12, day), or null. */
  birthday: LoyaltyBirthday | null
  /** The next birthday bonus and whether it pays (as things stand). */
  birthday_bonus: BirthdayBonusOutlook
  /** The member's code to share; a new customer who enrolls with it and keeps a first order earns both their bonus. */
  referral_code: string
  /** The storefront link carrying the code (`?ref=CODE`); null when the store has not configured its URL. */
  referral_link: string | null
  /** Friends referred: `signed_up` (not refused) = `pending` (waiting for a first order kept) + `rewarded`. */
  referrals: { signed_up: number; pending: number; rewarded: number }
  /** The member's tier id (null: below every tier), since when they hold it, and since when they are below its threshold. */
  tier_id: string | null
  tier_reached_at: IsoDate | null
  tier_below_since: IsoDate | null
  /** The member's VIP tier (name and perks in the request's locale), or null below every tier. */
  tier: ShopperTier | null
  tier_progress: TierProgress
}

/** A VIP tier as a member sees it. */
export type ShopperTier = {
  id: string
  name: string
  perks: string | null
  /** Earn multiplier, e.g. 1.5 (two decimals at most). */
  multiplier: number
  /** #RRGGBB, or null. */
  color: string | null
  /** Points earned (or money spent, in the tier currency's major units) over the period that reach it. */
  threshold: number
}

/** What the member's tier counts now, and what is missing to the next one. */
export type TierProgress = {
  basis: "points_earned" | "money_spent"
  period: "rolling_12_months" | "calendar_year"
  /** Points earned (or money spent, whole major units) over the period, up to now. */
  value: number
  next_tier: { id: string; name: string; threshold: number } | null
  /** What is missing to the next tier (0 once reached); null at the top tier. */
  to_next: number | null
  /** Since when the member is below their tier's threshold (the grace period), or null. */
  below_since: IsoDate | null
  /** When the grace period ends: the member moves down then if still below. */
  grace_ends_at: IsoDate | null
}

export type LoyaltyBirthday = { month: number; day: number }

/** Why the next birthday pays no bonus. */
export type BirthdayBonusReason = "no_birthday" | "bonus_off" | "program_paused" | "account_blocked" | "set_recently" | "changed_recently"

export type BirthdayBonusOutlook = {
  /** The next day a bonus can fall on, YYYY-MM-DD in the program's time zone (29 February: 28 February in a common year); null without a birthday. */
  next_on: string | null
  eligible: boolean
  reason: BirthdayBonusReason | null
}

/** What became of a referral code given at enrollment. */
export type ReferralSignup = {
  status: "signed_up" | "qualified" | "rewarded" | "refused"
  /** Why it earns nothing (null when it may). */
  reason: "self_referral" | "existing_customer" | "weekly_limit" | "unknown_code" | null
}

/** `GET /store/loyalty/me` */
export type StoreLoyaltyMeResponse =
  | { enrolled: true; account: LoyaltyAccount; program: ShopperProgram }
  | { enrolled: false; account: null; program: ShopperProgram }

/** `POST /store/loyalty/enroll` (201 the first time, 200 when already a member: same body). */
export type StoreLoyaltyEnrollResponse = Extract<StoreLoyaltyMeResponse, { enrolled: true }> & {
  /** Set when the body carried a `referral_code` (null otherwise). */
  referral: ReferralSignup | null
}

export type StoreLoyaltyEnrollBody = {
  locale?: RewardFlowLocale
  /** A member's referral code (from their link `?ref=CODE`); an unknown one does not stop the enrollment. */
  referral_code?: string
}

/** `POST /store/loyalty/me`: the birthday (null removes it). */
export type StoreLoyaltyUpdateMeBody = { birthday?: LoyaltyBirthday | null }

/** `POST /store/loyalty/me` answers like `GET /store/loyalty/me` (always a member). */
export type StoreLoyaltyUpdateMeResponse = Extract<StoreLoyaltyMeResponse, { enrolled: true }>

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
  /** Change of the pending points (an order's points during the pending period; `mature`: -N as they become spendable). */
  pending_change: number
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

/** `GET /store/loyalty/preview`: exactly one of `cart_id`, or `variant_id` (with `quantity`, and `region_id` or `currency_code` for its price). */
export type StoreLoyaltyPreviewQuery =
  | { cart_id: string; variant_id?: never; quantity?: never; region_id?: never; currency_code?: never; country_code?: never }
  | {
      variant_id: string
      /** 1-1000, default 1. */
      quantity?: number
      /** The variant's price in this region (its currency; its only country's taxes unless `country_code`). */
      region_id?: string
      /** The variant's price in this currency (not with `region_id`); default: the store's default currency. */
      currency_code?: string
      /** Whose taxes apply to the price (default: the region's only country; none: the price as stored). */
      country_code?: string
      cart_id?: never
    }

/** Why a preview earns nothing, as the award would decide it. */
export type EarnPreviewSkipReason = "program_paused" | "sales_channel_not_enabled" | "currency_not_earning" | "account_blocked" | "no_price"

/** `GET /store/loyalty/preview`: the points the cart or the variant would earn now for this shopper. */
export type StoreLoyaltyPreviewResponse = {
  preview: {
    basis: "cart" | "variant"
    cart_id?: string
    variant_id?: string
    quantity?: number
    points: number
    currency_code: string
    /** The amount that earns, major units as a decimal string. */
    amount_counted: string
    /** The tier multiplier applied, e.g. "1.5" ("1": no tier, not a member, anonymous). */
    multiplier: string
    tier_id: string | null
    rate: EarnRate | null
    rounding: "floor" | "nearest"
    count_shipping: boolean
    count_taxes: boolean
    /** The order's points stay pending this many days (null: spendable at once). */
    pending_days: number | null
    /** False for an anonymous shopper or a non-member: `points` is then at the base rate. */
    enrolled: boolean
    skip_reason: EarnPreviewSkipReason | null
  }
}
