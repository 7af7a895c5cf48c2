import { type MiddlewareRoute } from "@medusajs/framework/http"
import { validateQuery } from "../../../validate"
import { AdminAnalyticsQuery } from "./validators"

/** The analytics reports (authentication comes from /admin/loyalty/*). */
export const adminAnalyticsMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/loyalty/analytics/:report",
    middlewares: [validateQuery(AdminAnalyticsQuery, { defaults: ["id"], isList: false })],
  },
]
