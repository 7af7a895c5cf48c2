import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LOYALTY_TERMINAL_MODULE } from "../../modules/loyalty-terminal"
import { isRefusal } from "../../modules/loyalty/lib/refusal"
import { refusalBody, STATUS_BY_TYPE } from "../store/refusal-response"
import { isTerminalRefusal, terminalRefusal, type TerminalRefusalReason } from "../../modules/loyalty-terminal/lib/terminal-refusal"
import type LoyaltyTerminalModuleService from "../../modules/loyalty-terminal/service"
import type { TerminalDeviceView, TerminalSessionView, TerminalStaffView } from "../../modules/loyalty-terminal/types"

/**
 * What the terminal middlewares put on a request.
 * - every `/terminal/*` route but `POST /terminal/pair`: `device` (the paired, unrevoked device of
 *   the bearer token) and `stock_location_id` (its store);
 * - till routes behind `requireTerminalSession` (header `X-Terminal-Session`): also `staff` (the
 *   signed-in staff member, PIN not locked, allowed in the device's store) and `session`.
 * Ledger entries written at the till record `device.id` and `staff.id`.
 */
export type TerminalContext = {
  device: TerminalDeviceView
  stock_location_id: string
  staff?: TerminalStaffView
  session?: TerminalSessionView
}

export type TerminalRequest<Body = unknown> = MedusaRequest<Body> & { terminal: TerminalContext }
/** A till route's request: a device and a staff session are guaranteed. */
export type TerminalTillRequest<Body = unknown> = MedusaRequest<Body> & { terminal: Required<TerminalContext> }

const DEFAULT_REASON: Record<number, TerminalRefusalReason> = { 400: "not_allowed", 404: "not_found", 409: "conflict" }

/** `{ type, message, reason, ...figures }` of a refused terminal (or admin terminal) request. */
export function terminalRefusalBody(error: { type?: string; message?: string; reason?: string; details?: Record<string, unknown> }, status: number) {
  // The till's ledger refusals (receipt caps, balance, reward rules) carry the plugin's own reasons.
  return refusalBody(error, status, {
    carriesReason: (e): e is { reason: string } => isTerminalRefusal(e) || isRefusal(e),
    defaults: DEFAULT_REASON,
  })
}

function statusOf(error: unknown): number | undefined {
  if (isTerminalRefusal(error) && error.status) return error.status
  const type = (error as { type?: string } | undefined)?.type
  return type ? STATUS_BY_TYPE[type] : undefined
}

function answer(res: MedusaResponse, error: unknown): boolean {
  const status = statusOf(error)
  if (!status || res.headersSent) return false
  const body: Record<string, unknown> = terminalRefusalBody(error as { type?: string; message?: string }, status)
  if (status === 429 && typeof body.retry_after_ms === "number") res.setHeader("Retry-After", String(Math.ceil(body.retry_after_ms / 1000)))
  res.status(status).json(body)
  return true
}

/** A terminal route handler whose 4xx carry their reason and figures; anything else goes to Medusa's error handler. */
export function terminalRoute<Req extends MedusaRequest>(handler: (req: Req, res: MedusaResponse) => Promise<unknown>) {
  return async (req: Req, res: MedusaResponse) => {
    try {
      await handler(req, res)
    } catch (e) {
      if (!answer(res, e)) throw e
    }
  }
}

const terminalService = (req: MedusaRequest) => req.scope.resolve<LoyaltyTerminalModuleService>(LOYALTY_TERMINAL_MODULE)

const bearer = (req: MedusaRequest) => {
  const header = req.headers.authorization ?? ""
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
  return match?.[1] ?? ""
}

/**
 * First middleware of `/terminal/*` (all but `POST /terminal/pair`): `Authorization: Bearer <device
 * token>` must be the token of a paired device that is not revoked; sets `req.terminal`.
 */
export async function requireTerminalDevice(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const path = (req.originalUrl ?? req.url).split("?")[0].replace(/\/+$/, "")
  if (path === "/terminal/pair") return next()
  try {
    const device = await terminalService(req).authenticateDevice(bearer(req))
    ;(req as TerminalRequest).terminal = { device, stock_location_id: device.stock_location_id }
  } catch (e) {
    if (answer(res, e)) return
    return next(e)
  }
  next()
}

/**
 * Middleware of till routes, after requireTerminalDevice: the staff session of header
 * `X-Terminal-Session` on this device must be open, unexpired, its staff member not locked and
 * still allowed in the device's store. Adds `staff` and `session` to `req.terminal`.
 * @example
 * { matcher: "/terminal/accounts/*", middlewares: [requireTerminalSession] }
 */
export async function requireTerminalSession(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  try {
    const terminal = (req as Partial<TerminalRequest>).terminal
    if (!terminal) throw terminalRefusal("device_not_paired", "This route needs a paired device (Authorization: Bearer <device token>)")
    const header = req.headers["x-terminal-session"]
    const token = (Array.isArray(header) ? header[0] : header)?.trim() ?? ""
    if (!token) throw terminalRefusal("session_required", "Sign in with a staff PIN first: header X-Terminal-Session is missing")
    const { session, staff } = await terminalService(req).authenticateSession(token, terminal.device)
    Object.assign(terminal, { staff, session })
  } catch (e) {
    if (answer(res, e)) return
    return next(e)
  }
  next()
}

/** The till context of a request behind requireTerminalSession (throws if the middleware did not run). */
export function tillContext(req: MedusaRequest): Required<TerminalContext> {
  const terminal = (req as Partial<TerminalRequest>).terminal
  if (!terminal?.staff || !terminal.session) throw terminalRefusal("session_required", "This route needs a staff session (X-Terminal-Session)")
  return terminal as Required<TerminalContext>
}

/** Refuses unless the session's staff member is a manager. */
export function requireManager(terminal: Required<TerminalContext>) {
  if (terminal.staff.role !== "manager") throw terminalRefusal("manager_required", "Only a manager may do this: sign in with a manager's PIN")
}
