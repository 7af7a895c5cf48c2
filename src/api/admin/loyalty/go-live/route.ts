import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { graphOne, PROGRAM_FIELDS, toAdminProgram } from "../../../loyalty-views"
import { goLiveWorkflow } from "../../../../workflows/loyalty-readiness/workflows/go-live"
import type { AdminGoLiveType } from "../readiness/validators"

/**
 * Goes live: cleans up test data, makes the program active on the chosen sales channels, stamps
 * who and when. While a board line is not ready: 409 `not_ready` naming the lines.
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminGoLiveType>, res: MedusaResponse) => {
  try {
    const { result } = await goLiveWorkflow(req.scope).run({
      input: { sales_channel_ids: req.validatedBody.sales_channel_ids, actor_user_id: req.auth_context.actor_id },
    })
    const program = toAdminProgram((await graphOne(req.scope, "loyalty_program", PROGRAM_FIELDS, { id: result.program_id }))!)
    res.json({ program, went_live_at: result.went_live_at, went_live_by: result.went_live_by, removed: result.removed, invariants: result.invariants })
  } catch (e) {
    const error = e as { type?: string; message?: string; reason?: string; lines?: string[] }
    // Medusa's error handler would answer NOT_ALLOWED with 400; a board that is not ready is a conflict.
    if (error?.reason !== "not_ready" || res.headersSent) throw e
    res.status(409).json({ type: error.type, reason: error.reason, message: error.message, lines: error.lines ?? [] })
  }
}
