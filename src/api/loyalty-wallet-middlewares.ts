import { z } from "@medusajs/framework/zod"
import { type MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody, validateQuery } from "./validate"
import { AdminUpdateWalletSettings } from "./admin/loyalty/wallet/settings/validators"

const NoParams = z.object({}).strict()
const queryConfig = { defaults: ["id"], isList: true }

/** Routes of the Google Wallet module (authentication comes from the /store/loyalty/* and /admin/loyalty/* matchers). */
export const loyaltyWalletMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/store/loyalty/me/wallet/google",
    middlewares: [validateQuery(z.object({}), queryConfig)],
  },
  {
    method: ["GET"],
    matcher: "/admin/loyalty/wallet/settings",
    middlewares: [validateQuery(z.object({}), queryConfig)],
  },
  {
    method: ["POST"],
    matcher: "/admin/loyalty/wallet/settings",
    middlewares: [validateBody(AdminUpdateWalletSettings)],
  },
  {
    method: ["POST"],
    matcher: "/admin/loyalty/wallet/validate",
    middlewares: [validateBody(NoParams)],
  },
]
