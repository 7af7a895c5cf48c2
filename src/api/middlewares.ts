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
import { StoreEnrollLoyalty } from "./store/loyalty/enroll/validators"
import { LedgerPageParams } from "./store/loyalty/me/entries/validators"
import { emailAdminMiddlewares } from "./admin/loyalty/email/middlewares"

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
    ...emailAdminMiddlewares,
  ],
})
