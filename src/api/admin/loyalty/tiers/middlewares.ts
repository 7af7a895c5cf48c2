import type { MiddlewareRoute } from "@medusajs/framework/http"
import { z } from "@medusajs/framework/zod"
import { validateBody, validateQuery } from "../../../validate"
import { AdminCreateTier, AdminUpdateTier } from "./validators"

const one = { defaults: ["id"], isList: false }
/** The tier routes take no query parameters: unknown ones are refused, not ignored. */
const NoQuery = z.object({})

/** Routes of /admin/loyalty/tiers (authentication comes from the /admin/loyalty/* entry). */
export const adminTierMiddlewares: MiddlewareRoute[] = [
  { method: ["GET"], matcher: "/admin/loyalty/tiers", middlewares: [validateQuery(NoQuery, { ...one, isList: true })] },
  { method: ["POST"], matcher: "/admin/loyalty/tiers", middlewares: [validateBody(AdminCreateTier)] },
  { method: ["GET", "DELETE"], matcher: "/admin/loyalty/tiers/:id", middlewares: [validateQuery(NoQuery, one)] },
  { method: ["POST"], matcher: "/admin/loyalty/tiers/:id", middlewares: [validateBody(AdminUpdateTier)] },
]
