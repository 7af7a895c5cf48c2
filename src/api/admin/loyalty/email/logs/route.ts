import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { AdminListEmailLogsType } from "../validators"

/** What the log shows of a mail (never its rendered bodies). */
export const LOG_FIELDS = [
  "id",
  "idempotency_key",
  "template_key",
  "locale",
  "recipient",
  "subject",
  "message_id",
  "status",
  "attempts",
  "provider",
  "from_address",
  "provider_response",
  "error",
  "next_attempt_at",
  "sent_at",
  "context",
  "attempt_history",
  "created_at",
  "updated_at",
]

/** The email log, newest first: every mail with its status, provider and from address, and each attempt. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminListEmailLogsType>, res: MedusaResponse) => {
  const { limit, offset, ...rest } = req.validatedQuery
  const filters = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined))
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data, metadata } = await query.graph({
    entity: "loyalty_email_log",
    fields: LOG_FIELDS,
    filters,
    pagination: { order: { created_at: "DESC" }, take: limit, skip: offset },
  })
  res.json({ emails: data, count: metadata?.count ?? data.length, limit, offset })
}
