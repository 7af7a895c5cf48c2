import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody, validateQuery } from "../validate"
import { requireTerminalSession } from "./terminal-response"
import { TillAward, TillEnroll, TillEntries, TillLookup, TillRedeem, TillVoid } from "./till"

const one = { defaults: ["id"], isList: false }

/** The till routes: a paired device (requireTerminalDevice, on every /terminal/* route) and a staff session. */
export const tillMiddlewares: MiddlewareRoute[] = [
  { method: ["GET"], matcher: "/terminal/accounts/lookup", middlewares: [requireTerminalSession, validateQuery(TillLookup, one)] },
  { method: ["POST"], matcher: "/terminal/accounts", middlewares: [requireTerminalSession, validateBody(TillEnroll)] },
  { method: ["GET"], matcher: "/terminal/accounts/:id/entries", middlewares: [requireTerminalSession, validateQuery(TillEntries, one)] },
  { method: ["POST"], matcher: "/terminal/awards", middlewares: [requireTerminalSession, validateBody(TillAward)] },
  { method: ["POST"], matcher: "/terminal/awards/:entry_id/void", middlewares: [requireTerminalSession, validateBody(TillVoid)] },
  { method: ["POST"], matcher: "/terminal/redemptions", middlewares: [requireTerminalSession, validateBody(TillRedeem)] },
]
