import { type MedusaNextFunction, type MedusaRequest, type MedusaResponse, type MiddlewareRoute } from "@medusajs/framework/http"
import { z } from "@medusajs/framework/zod"
import { validateBody, validateQuery } from "../validate"
import { requireTerminalDevice, requireTerminalSession } from "./terminal-response"
import { TerminalChangeOwnPin, TerminalOpenSession, TerminalPair, TerminalReportFailures, TerminalResetPin, TerminalSync } from "./validators"

const none = { defaults: ["id"], isList: false }
const ownPin = validateBody(TerminalChangeOwnPin)
const resetPin = validateBody(TerminalResetPin)

/** `/terminal/staff/me/pin` and `/terminal/staff/:id/pin` share a path shape, not a body. */
function validatePinBody(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  return (req.params.id === "me" ? ownPin : resetPin)(req, res, next)
}

/**
 * The in-store device API. Every route but POST /terminal/pair needs the device token; the
 * routes a signed-in staff member uses need the session too (requireTerminalSession).
 */
export const terminalMiddlewares: MiddlewareRoute[] = [
  { matcher: "/terminal/*", middlewares: [requireTerminalDevice] },
  { method: ["POST"], matcher: "/terminal/pair", middlewares: [validateBody(TerminalPair)] },
  { method: ["POST"], matcher: "/terminal/sessions", middlewares: [validateBody(TerminalOpenSession)] },
  { matcher: "/terminal/sessions/current", middlewares: [requireTerminalSession] },
  { method: ["GET"], matcher: "/terminal/staff", middlewares: [validateQuery(z.object({}), none)] },
  { method: ["POST"], matcher: "/terminal/staff/:id/pin", middlewares: [requireTerminalSession, validatePinBody] },
  { method: ["POST"], matcher: "/terminal/staff/:id/unlock", middlewares: [requireTerminalSession, validateBody(z.object({}))] },
  { method: ["POST"], matcher: "/terminal/staff/:id/failed-attempts", middlewares: [validateBody(TerminalReportFailures)] },
  { method: ["GET"], matcher: "/terminal/offline-bundle", middlewares: [validateQuery(z.object({}), none)] },
  { method: ["POST"], matcher: "/terminal/sync", middlewares: [validateBody(TerminalSync)] },
]
