import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { resendFailedEmailWorkflow } from "../../../../../../../workflows/loyalty-messaging/workflows/resend-failed-email"
import { LOG_FIELDS } from "../../route"

/**
 * "Send again" for a failed mail: one more attempt on its own log row, answered with the mail as
 * the log now has it (`sent`, or `failed` again with the new error). A mail that is not failed
 * (sent, retrying, or being sent by another request) answers 409 `not_failed` with its status,
 * so a double click never sends it twice.
 */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const id = req.params.id
  try {
    await resendFailedEmailWorkflow(req.scope).run({ input: { log_id: id, actor_id: req.auth_context.actor_id ?? null } })
  } catch (e) {
    const error = e as { type?: string; message?: string; reason?: string; status?: string }
    if (error?.reason !== "not_failed" || res.headersSent) throw e
    res.status(409).json({ type: error.type, reason: error.reason, message: error.message, status: error.status })
    return
  }
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "loyalty_email_log", fields: LOG_FIELDS, filters: { id } })
  res.json({ email: data[0] })
}
