import { type MiddlewareRoute } from "@medusajs/framework/http"
import { validateQuery } from "../../../validate"
import { AdminListReferrals } from "./validators"

/** The admin's referral list (authentication comes from /admin/loyalty/*). */
export const adminReferralMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/loyalty/referrals",
    middlewares: [validateQuery(AdminListReferrals, { defaults: ["id"], isList: true })],
  },
]
