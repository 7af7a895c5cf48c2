import { type MiddlewareRoute } from "@medusajs/framework/http"
import { validateQuery } from "../../../validate"
import { z } from "@medusajs/framework/zod"
import { AdminListRedemptions } from "./validators"

const list = { defaults: ["id"], isList: true }

/** Admin views of redemptions and of an order's loyalty (authentication comes from /admin/loyalty/*). */
export const adminRedemptionMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/loyalty/redemptions",
    middlewares: [validateQuery(AdminListRedemptions, list)],
  },
  {
    method: ["GET"],
    matcher: "/admin/loyalty/orders/:id",
    middlewares: [validateQuery(z.object({}).strict(), list)],
  },
]
