import type { MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"

/**
 * Runs a route's work and answers a CONFLICT with 409 and the error's own message. Medusa's
 * error handler replaces every CONFLICT message with a generic one; these routes' conflicts
 * say what to do (the account is busy: try again; an Idempotency-Key was used for another
 * request: which one).
 */
export async function answeringConflicts(res: MedusaResponse, work: () => Promise<void>): Promise<void> {
  try {
    await work()
  } catch (e) {
    const error = e as { type?: string; message?: string } | undefined
    if (error?.type !== MedusaError.Types.CONFLICT) throw e
    res.status(409).json({ type: MedusaError.Types.CONFLICT, code: "invalid_state_error", message: error.message })
  }
}
