import { type MiddlewareRoute } from "@medusajs/framework/http"
import { z } from "@medusajs/framework/zod"
import { validateBody, validateQuery } from "../../../validate"
import { AdminCleanUpTestData, AdminGoLive, AdminRecordJourneys, AdminRecordWalletDeviceCheck } from "./validators"

const NoQuery = z.object({})
const one = { defaults: ["id"], isList: false }

/** The go-live board, its records, the test-data clean-up and the launch (authentication comes from /admin/loyalty/*). */
export const adminReadinessMiddlewares: MiddlewareRoute[] = [
  { method: ["GET"], matcher: "/admin/loyalty/readiness", middlewares: [validateQuery(NoQuery, one)] },
  { method: ["POST"], matcher: "/admin/loyalty/readiness/wallet-device-check", middlewares: [validateBody(AdminRecordWalletDeviceCheck)] },
  { method: ["POST"], matcher: "/admin/loyalty/readiness/journeys", middlewares: [validateBody(AdminRecordJourneys)] },
  { method: ["GET"], matcher: "/admin/loyalty/test-data", middlewares: [validateQuery(NoQuery, one)] },
  { method: ["POST"], matcher: "/admin/loyalty/test-data/clean-up", middlewares: [validateBody(AdminCleanUpTestData)] },
  { method: ["POST"], matcher: "/admin/loyalty/go-live", middlewares: [validateBody(AdminGoLive)] },
]
