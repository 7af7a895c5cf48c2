import { z } from "@medusajs/framework/zod"
import {
  authenticate,
  defineMiddlewares,
  validateAndTransformBody,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
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
import { LedgerPageParams } from "./store/loyalty/me/entries/validators"
import { loyaltyWalletMiddlewares } from "./loyalty-wallet-middlewares"
import { emailAdminMiddlewares } from "./admin/loyalty/email/middlewares"
import { adminRedemptionMiddlewares } from "./admin/loyalty/redemptions/middlewares"

const queryConfig = { defaults: ["id"], isList: true }
/** Routes that take no query parameters refuse unknown ones instead of ignoring them. */
const NoQuery = z.object({})

export default defineMiddlewares({
  routes: [
    {
      matcher: "/store/loyalty/*",
      middlewares: [authenticate("customer", ["session", "bearer"])],
    },
    {
      method: ["GET"],
      matcher: "/store/loyalty/me",
      middlewares: [validateAndTransformQuery(NoQuery, queryConfig)],
    },
    {
      method: ["POST"],
      matcher: "/store/loyalty/enroll",
      middlewares: [validateAndTransformBody(StoreEnrollLoyalty)],
    },
    {
      method: ["GET"],
      matcher: "/store/loyalty/me/entries",
      middlewares: [validateAndTransformQuery(LedgerPageParams, queryConfig)],
    },
    {
      method: ["GET"],
      matcher: "/store/loyalty/rewards",
      middlewares: [validateAndTransformQuery(NoQuery, queryConfig)],
    },
    {
      matcher: "/store/carts/:id/loyalty/*",
      middlewares: [authenticate("customer", ["session", "bearer"])],
    },
    {
      method: ["POST"],
      matcher: "/store/carts/:id/loyalty/redemptions",
      middlewares: [validateAndTransformBody(StoreApplyRedemption)],
    },
    {
      matcher: "/admin/loyalty/*",
      middlewares: [authenticate("user", ["session", "bearer", "api-key"])],
    },
    {
      method: ["GET"],
      matcher: "/admin/loyalty/program",
      middlewares: [validateAndTransformQuery(NoQuery, queryConfig)],
    },
    {
      method: ["POST"],
      matcher: "/admin/loyalty/program",
      middlewares: [validateAndTransformBody(AdminUpdateLoyaltyProgram)],
    },
    {
      method: ["GET"],
      matcher: "/admin/loyalty/accounts",
      middlewares: [validateAndTransformQuery(AdminListLoyaltyAccounts, queryConfig)],
    },
    {
      method: ["POST"],
      matcher: "/admin/loyalty/accounts",
      middlewares: [validateAndTransformBody(AdminEnrollCustomer)],
    },
    {
      method: ["GET"],
      matcher: "/admin/loyalty/accounts/:id",
      middlewares: [validateAndTransformQuery(AdminGetLoyaltyAccount, queryConfig)],
    },
    {
      method: ["POST"],
      matcher: "/admin/loyalty/accounts/:id",
      middlewares: [validateAndTransformBody(AdminUpdateLoyaltyAccount)],
    },
    {
      method: ["POST"],
      matcher: "/admin/loyalty/accounts/:id/adjust",
      middlewares: [validateAndTransformBody(AdminAdjustPoints)],
    },
    {
      method: ["GET"],
      matcher: "/admin/loyalty/rewards",
      middlewares: [validateAndTransformQuery(AdminListRewards, queryConfig)],
    },
    {
      method: ["POST"],
      matcher: "/admin/loyalty/rewards",
      middlewares: [validateAndTransformBody(AdminCreateReward)],
    },
    {
      method: ["POST"],
      matcher: "/admin/loyalty/rewards/:id",
      middlewares: [validateAndTransformBody(AdminUpdateReward)],
    },
    ...loyaltyWalletMiddlewares,
    ...emailAdminMiddlewares,
    ...adminRedemptionMiddlewares,
  ],
})
