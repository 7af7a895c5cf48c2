import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { isRefusal, type RefusalReason } from "../../modules/loyalty/lib/refusal"

/** The HTTP status of each refusal kind of MedusaError (the terminal routes answer the same). */
export const STATUS_BY_TYPE: Record<string, number> = {
  [MedusaError.Types.NOT_ALLOWED]: 400,
  [MedusaError.Types.INVALID_DATA]: 400,
  [MedusaError.Types.NOT_FOUND]: 404,
  [MedusaError.Types.CONFLICT]: 409,
  [MedusaError.Types.UNAUTHORIZED]: 401,
  [MedusaError.Types.FORBIDDEN]: 403,
}

const DEFAULT_REASON: Record<number, RefusalReason> = { 400: "not_allowed", 401: "not_authenticated", 403: "not_allowed", 404: "not_found", 409: "conflict" }

/**
 * The body of a refused store request: Medusa's `type` and `message`, the stable `reason` and
 * the figures that go with it (`points_missing`, `min_subtotal`, ...) at the top level.
 */
export function refusalBody(
  error: { type?: string; message?: string; reason?: string; details?: Record<string, unknown> },
  status: number,
  /** Which errors carry their own reason, and the reason of the others by status (the terminal routes have their own lists). */
  own: { carriesReason: (e: unknown) => e is { reason: string }; defaults: Record<number, string> } = { carriesReason: isRefusal, defaults: DEFAULT_REASON }
) {
  const reason = own.carriesReason(error) ? error.reason : error.type === MedusaError.Types.INVALID_DATA ? "invalid_request" : own.defaults[status] ?? "not_allowed"
  // Every reason comes with its figures: an invalid request without a named field says so.
  const figures = reason === "invalid_request" ? { field: null, errors: [], ...(error.details ?? {}) } : error.details ?? {}
  if (reason === "invalid_request" && !(figures as { errors: unknown[] }).errors.length && (figures as { field?: string | null }).field) {
    ;(figures as { errors: unknown[] }).errors = [{ field: (figures as { field: string }).field, message: error.message }]
  }
  return { ...figures, type: error.type, message: error.message, reason }
}

/**
 * Runs a store route's work and answers a refusal (a MedusaError of a 4xx kind) with its status,
 * its own message and its reason. Medusa's error handler would drop the reason and replace every
 * CONFLICT message with a generic one; a shopper's conflicts say what to do (the account is
 * busy: try again; the Idempotency-Key was used for another request: which one). Anything else
 * (a 5xx) goes on to Medusa's error handler.
 */
export async function answeringRefusals(res: MedusaResponse, work: () => Promise<void>): Promise<void> {
  try {
    await work()
  } catch (e) {
    const error = e as { type?: string; message?: string } | undefined
    const status = error?.type ? STATUS_BY_TYPE[error.type] : undefined
    if (!status || res.headersSent) throw e
    res.status(status).json(refusalBody(error!, status))
  }
}

/** A store route handler whose refusals carry their reason (see answeringRefusals). */
export function storeRoute<Req extends MedusaRequest>(handler: (req: Req, res: MedusaResponse) => Promise<unknown>) {
  return async (req: Req, res: MedusaResponse) => answeringRefusals(res, async () => { await handler(req, res) })
}

/**
 * First middleware of the plugin's store routes: a refusal answered before the route runs
 * (Medusa's `authenticate` 401, a 404 of an unknown path) gets a reason too.
 */
export function storeRefusalReasons(_req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const json = res.json.bind(res)
  res.json = ((body: unknown) => {
    const status = res.statusCode
    if (status >= 400 && status < 500 && body && typeof body === "object" && !("reason" in body)) {
      const { reason, type: _t, message: _m, ...figures } = refusalBody(body as { type?: string; message?: string }, status)
      return json({ ...figures, ...body, reason })
    }
    return json(body)
  }) as typeof res.json
  next()
}
