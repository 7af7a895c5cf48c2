/**
 * RewardFlow's typed store client: `import { rewardflow } from "medusa-plugin-rewardflow/client"`.
 *
 *   const loyalty = rewardflow(sdk) // the storefront's own js-sdk `Medusa` instance
 *   const { account } = await loyalty.me()
 *
 * Every request goes through `sdk.client.fetch`; a refused one throws a RewardFlowError with
 * the route's `reason` and details. Runs in browsers, Node and edge runtimes: nothing here is
 * imported from the server at runtime, nor from js-sdk (its types only).
 */
import { send, type RewardFlowRequestOptions, type RewardFlowSdk } from "./transport"
import type {
  StoreApplyRedemptionBody,
  StoreApplyRedemptionResponse,
  StoreCartRedemptionsResponse,
  StoreGoogleWalletLinkResponse,
  StoreLoyaltyCartRewardsResponse,
  StoreLoyaltyEnrollBody,
  StoreLoyaltyEnrollResponse,
  StoreLoyaltyEntriesQuery,
  StoreLoyaltyEntriesResponse,
  StoreLoyaltyMeResponse,
  StoreLoyaltyPreviewQuery,
  StoreLoyaltyPreviewResponse,
  StoreLoyaltyRewardsQuery,
  StoreLoyaltyRewardsResponse,
  StoreLoyaltyUpdateMeBody,
  StoreLoyaltyUpdateMeResponse,
  StoreRemoveRedemptionResponse,
} from "./types"

export type { RewardFlowRequestOptions, RewardFlowSdk } from "./transport"
export { RewardFlowError, isRewardFlowError } from "./errors"
export type { AnyRewardFlowError, RewardFlowRefusal } from "./errors"
export { REWARDFLOW_REASONS, REWARDFLOW_REASON_FIELDS, isRewardFlowReason } from "./reasons"
export type { RewardFlowReason, RewardFlowReasonDetails } from "./reasons"
export type {
  IsoDate,
  RewardFlowLocale,
  LedgerEntryType,
  LedgerSourceType,
  RewardType,
  RedemptionKind,
  RedemptionStatus,
  MoneyByCurrency,
  EarnRate,
  PointsAsMoneySetting,
  ShopperProgram,
  LoyaltyAccount,
  StoreLoyaltyMeResponse,
  StoreLoyaltyEnrollResponse,
  StoreLoyaltyEnrollBody,
  StoreLoyaltyUpdateMeBody,
  StoreLoyaltyUpdateMeResponse,
  LoyaltyBirthday,
  BirthdayBonusReason,
  BirthdayBonusOutlook,
  ReferralSignup,
  ShopperTier,
  TierProgress,
  ShopperLedgerEntry,
  StoreLoyaltyEntriesQuery,
  StoreLoyaltyEntriesResponse,
  RewardOnCart,
  PointsAsMoneyOnCart,
  StoreReward,
  StorePointsAsMoney,
  StoreLoyaltyRewardsQuery,
  StoreLoyaltyRewardsResponse,
  StoreLoyaltyCartRewardsResponse,
  StoreGoogleWalletLinkResponse,
  StoreRedemption,
  StoreApplyRedemptionBody,
  StoreCartRedemptionsResponse,
  StoreApplyRedemptionResponse,
  StoreRemoveRedemptionResponse,
  StoreLoyaltyPreviewQuery,
  StoreLoyaltyPreviewResponse,
  EarnPreviewSkipReason,
} from "./types"

export type ApplyRewardOptions = RewardFlowRequestOptions & {
  /** Sent as the `Idempotency-Key` header: a retry with the same key returns the first redemption (200, `replayed: true`). */
  idempotencyKey?: string
}

export interface RewardFlowClient {
  /** `GET /store/loyalty/me`: the shopper's account (null when not a member) and the program. */
  me(options?: RewardFlowRequestOptions): Promise<StoreLoyaltyMeResponse>
  /** `POST /store/loyalty/enroll`: joins the program (201), or answers the account as it is (200). */
  enroll(body?: StoreLoyaltyEnrollBody, options?: RewardFlowRequestOptions): Promise<StoreLoyaltyEnrollResponse>
  /** `POST /store/loyalty/me`: sets the shopper's birthday (null removes it); answers the account like `me()`. */
  updateMe(body: StoreLoyaltyUpdateMeBody, options?: RewardFlowRequestOptions): Promise<StoreLoyaltyUpdateMeResponse>
  /** `GET /store/loyalty/me/entries`: the points history, newest first. */
  entries(query?: StoreLoyaltyEntriesQuery, options?: RewardFlowRequestOptions): Promise<StoreLoyaltyEntriesResponse>
  /** `GET /store/loyalty/rewards?cart_id=`: the rewards, each checked against the cart (`on_cart`). */
  rewards(query: StoreLoyaltyRewardsQuery & { cart_id: string }, options?: RewardFlowRequestOptions): Promise<StoreLoyaltyCartRewardsResponse>
  /** `GET /store/loyalty/rewards`: the rewards redeemable now, cheapest first. */
  rewards(query?: StoreLoyaltyRewardsQuery & { cart_id?: undefined }, options?: RewardFlowRequestOptions): Promise<StoreLoyaltyRewardsResponse>
  rewards(query?: StoreLoyaltyRewardsQuery, options?: RewardFlowRequestOptions): Promise<StoreLoyaltyRewardsResponse | StoreLoyaltyCartRewardsResponse>
  /** `GET /store/loyalty/me/wallet/google`: the "Add to Google Wallet" link of the shopper's card. */
  googleWalletLink(options?: RewardFlowRequestOptions): Promise<StoreGoogleWalletLinkResponse>
  /** `GET /store/loyalty/preview`: the points a cart or a variant would earn now ("You'll earn 120 points"); works without a signed-in shopper (base rate). */
  preview(query: StoreLoyaltyPreviewQuery, options?: RewardFlowRequestOptions): Promise<StoreLoyaltyPreviewResponse>
  /** `GET /store/carts/:id/loyalty/redemptions`: the shopper's redemptions on the cart, the cart, the balance. */
  cartRedemptions(cartId: string, options?: RewardFlowRequestOptions): Promise<StoreCartRedemptionsResponse>
  /** `POST /store/carts/:id/loyalty/redemptions`: spends points on the cart (a reward, or points as money). */
  applyReward(cartId: string, body: StoreApplyRedemptionBody, options?: ApplyRewardOptions): Promise<StoreApplyRedemptionResponse>
  /** `DELETE /store/carts/:id/loyalty/redemptions/:redemption_id`: takes it off the cart, the points come back. */
  removeRedemption(cartId: string, redemptionId: string, options?: RewardFlowRequestOptions): Promise<StoreRemoveRedemptionResponse>
}

const segment = (value: string) => encodeURIComponent(value)

/** Drops the parameters left undefined, so they are not sent as empty values. */
function defined<T extends object>(query: T | undefined): Record<string, unknown> | undefined {
  if (!query) return undefined
  const entries = Object.entries(query).filter(([, v]) => v !== undefined && v !== null)
  return entries.length ? Object.fromEntries(entries) : undefined
}

/** The RewardFlow store client over a js-sdk `Medusa` instance (`new Medusa({ baseUrl, publishableKey })`). */
export function rewardflow(sdk: RewardFlowSdk): RewardFlowClient {
  const get = <T>(path: string, query: Record<string, unknown> | undefined, options?: RewardFlowRequestOptions) =>
    send<T>(sdk, path, { ...options, method: "GET", ...(query ? { query } : {}) })

  return {
    me: (options) => get("/store/loyalty/me", undefined, options),

    enroll: (body, options) =>
      send(sdk, "/store/loyalty/enroll", { ...options, method: "POST", body: { ...body } }),

    updateMe: (body, options) => send(sdk, "/store/loyalty/me", { ...options, method: "POST", body: { ...body } }),

    entries: (query, options) => get("/store/loyalty/me/entries", defined(query), options),

    rewards: ((query?: StoreLoyaltyRewardsQuery, options?: RewardFlowRequestOptions) =>
      get("/store/loyalty/rewards", defined(query), options)) as RewardFlowClient["rewards"],

    googleWalletLink: (options) => get("/store/loyalty/me/wallet/google", undefined, options),

    preview: (query, options) => get("/store/loyalty/preview", defined(query), options),

    cartRedemptions: (cartId, options) => get(`/store/carts/${segment(cartId)}/loyalty/redemptions`, undefined, options),

    applyReward: (cartId, body, options = {}) => {
      const { idempotencyKey, ...rest } = options
      return send(sdk, `/store/carts/${segment(cartId)}/loyalty/redemptions`, {
        ...rest,
        method: "POST",
        headers: { ...rest.headers, ...(idempotencyKey !== undefined ? { "Idempotency-Key": idempotencyKey } : {}) },
        body,
      })
    },

    removeRedemption: (cartId, redemptionId, options) =>
      send(sdk, `/store/carts/${segment(cartId)}/loyalty/redemptions/${segment(redemptionId)}`, { ...options, method: "DELETE" }),
  }
}
