import { validateAndTransformQuery, type MiddlewareRoute } from "@medusajs/framework/http"
import { z } from "@medusajs/framework/zod"
import { AdminListRedemptions } from "./validators"

const list = { defaults: ["id"], isList: true }

/** Admin views of redemptions and of an order's loyalty (authentication comes from /admin/loyalty/*). */
export const adminRedemptionMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/loyalty/redemptions",
    middlewares: [validateAndTransformQuery(AdminListRedemptions, list)],
  },
  {
    method: ["GET"],
    matcher: "/admin/loyalty/orders/:id",
    middlewares: [validateAndTransformQuery(z.object({}).strict(), list)],
  },
]
