import { z } from "@medusajs/framework/zod"
import {
  authenticate,
  defineMiddlewares,
} from "@medusajs/framework/http"
import { validateBody, validateQuery } from "./validate"
import { storeRefusalReasons } from "./store/refusal-response"
import { refuseLoyaltyCodesNotOnCart } from "./store/loyalty-codes-guard"
import { retrieveTransformQueryConfig } from "@medusajs/medusa/api/store/carts/query-config"
import { StoreGetCartsCart } from "@medusajs/medusa/api/store/carts/validators"
import { StoreListRewards } from "./store/loyalty/rewards/validators"
import { StoreLoyaltyPreview } from "./store/loyalty/preview/validators"
import {
  AdminAdjustPoints,
  AdminEnrollCustomer,
  AdminGetLoyaltyAccount,
  AdminListLoyaltyAccounts,
  AdminUpdateLoyaltyAccount,
} from "./admin/loyalty/accounts/validators"
import { AdminUpdateLoyaltyProgram } from "./admin/loyalty/program/validators"
import { AdminCreateReward, AdminListRewards, AdminUpdateReward } from "./admin/loyalty/rewards/validators"
import { StoreApplyRedemption } from "./store/carts/[id]/loyalty/redemptions/validators"
import { StoreEnrollLoyalty } from "./store/loyalty/enroll/validators"
import { StoreUpdateLoyaltyMe } from "./store/loyalty/me/validators"
import { LedgerPageParams } from "./store/loyalty/me/entries/validators"
import { loyaltyWalletMiddlewares } from "./loyalty-wallet-middlewares"
import { emailAdminMiddlewares } from "./admin/loyalty/email/middlewares"
import { adminRedemptionMiddlewares } from "./admin/loyalty/redemptions/middlewares"
import { adminReferralMiddlewares } from "./admin/loyalty/referrals/middlewares"
import { adminReadinessMiddlewares } from "./admin/loyalty/readiness/middlewares"
import { adminAnalyticsMiddlewares } from "./admin/loyalty/analytics/middlewares"
import { adminTierMiddlewares } from "./admin/loyalty/tiers/middlewares"
import { adminTerminalMiddlewares } from "./admin/loyalty/terminal/middlewares"
import { terminalMiddlewares } from "./terminal/middlewares"
import { tillMiddlewares } from "./terminal/till-middlewares"
import { AdminTerminalDailyTotals } from "./admin/loyalty/terminal/daily-totals/validators"

const queryConfig = { defaults: ["id"], isList: true }
/** Routes that take no query parameters refuse unknown ones instead of ignoring them. */
const NoQuery = z.object({})

export default defineMiddlewares({
  routes: [
    {
      matcher: "/store/loyalty/*",
      middlewares: [storeRefusalReasons],
    },
    {
      // Every shopper route needs a signed-in customer but the earn preview (anonymous shoppers
      // see the base rate). The match ends at "/store/loyalty", so Express runs it for the routes below.
      matcher: /^\/store\/loyalty(?=\/(?!preview(?:\/|$)))/,
      middlewares: [authenticate("customer", ["session", "bearer"])],
    },
    {
      method: ["GET"],
      matcher: "/store/loyalty/preview",
      middlewares: [
        authenticate("customer", ["session", "bearer"], { allowUnauthenticated: true }),
        validateQuery(StoreLoyaltyPreview, queryConfig),
      ],
    },
    {
      method: ["GET"],
      matcher: "/store/loyalty/me",
      middlewares: [validateQuery(NoQuery, queryConfig)],
    },
    {
      method: ["POST"],
      matcher: "/store/loyalty/me",
      middlewares: [validateBody(StoreUpdateLoyaltyMe)],
    },
    {
      method: ["POST"],
      matcher: "/store/loyalty/enroll",
      middlewares: [validateBody(StoreEnrollLoyalty)],
    },
    {
      method: ["GET"],
      matcher: "/store/loyalty/me/entries",
      middlewares: [validateQuery(LedgerPageParams, queryConfig)],
    },
    {
      method: ["GET"],
      matcher: "/store/loyalty/rewards",
      middlewares: [validateQuery(StoreListRewards, queryConfig)],
    },
    {
      matcher: "/store/carts/:id/loyalty/*",
      middlewares: [storeRefusalReasons, authenticate("customer", ["session", "bearer"])],
    },
    {
      // The cart in the answer is Medusa's own (GET /store/carts/:id): its fields, and `?fields=`
      // works alike. A matcher without a method is a prefix: this covers .../:redemption_id too.
      matcher: "/store/carts/:id/loyalty/redemptions",
      middlewares: [validateQuery(StoreGetCartsCart, retrieveTransformQueryConfig)],
    },
    {
      method: ["POST"],
      matcher: "/store/carts/:id/loyalty/redemptions",
      middlewares: [validateBody(StoreApplyRedemption)],
    },
    {
      method: ["POST"],
      matcher: "/store/carts/:id/promotions",
      middlewares: [refuseLoyaltyCodesNotOnCart],
    },
    {
      // The Next.js starter applies and removes codes with POST /store/carts/:id { promo_codes }.
      method: ["POST"],
      matcher: "/store/carts/:id",
      middlewares: [refuseLoyaltyCodesNotOnCart],
    },
    {
      matcher: "/admin/loyalty/*",
      middlewares: [authenticate("user", ["session", "bearer", "api-key"])],
    },
    {
      method: ["GET"],
      matcher: "/admin/loyalty/program",
      middlewares: [validateQuery(NoQuery, queryConfig)],
    },
    {
      method: ["POST"],
      matcher: "/admin/loyalty/program",
      middlewares: [validateBody(AdminUpdateLoyaltyProgram)],
    },
    {
      method: ["GET"],
      matcher: "/admin/loyalty/accounts",
      middlewares: [validateQuery(AdminListLoyaltyAccounts, queryConfig)],
    },
    {
      method: ["POST"],
      matcher: "/admin/loyalty/accounts",
      middlewares: [validateBody(AdminEnrollCustomer)],
    },
    {
      method: ["GET"],
      matcher: "/admin/loyalty/accounts/:id",
      middlewares: [validateQuery(AdminGetLoyaltyAccount, queryConfig)],
    },
    {
      method: ["POST"],
      matcher: "/admin/loyalty/accounts/:id",
      middlewares: [validateBody(AdminUpdateLoyaltyAccount)],
    },
    {
      method: ["POST"],
      matcher: "/admin/loyalty/accounts/:id/adjust",
      middlewares: [validateBody(AdminAdjustPoints)],
    },
    {
      method: ["GET"],
      matcher: "/admin/loyalty/rewards",
      middlewares: [validateQuery(AdminListRewards, queryConfig)],
    },
    {
      method: ["POST"],
      matcher: "/admin/loyalty/rewards",
      middlewares: [validateBody(AdminCreateReward)],
    },
    {
      method: ["POST"],
      matcher: "/admin/loyalty/rewards/:id",
      middlewares: [validateBody(AdminUpdateReward)],
    },
    ...loyaltyWalletMiddlewares,
    ...emailAdminMiddlewares,
    ...adminRedemptionMiddlewares,
    ...adminReferralMiddlewares,
    ...adminReadinessMiddlewares,
    ...adminAnalyticsMiddlewares,
    ...adminTierMiddlewares,
    ...adminTerminalMiddlewares,
    ...terminalMiddlewares,
    ...tillMiddlewares,
    {
      method: ["GET"],
      matcher: "/admin/loyalty/terminal/daily-totals",
      middlewares: [validateQuery(AdminTerminalDailyTotals, { defaults: ["id"], isList: false })],
    },
  ],
})
