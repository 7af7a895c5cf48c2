import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { sendEmailSettingsTestWorkflow } from "../../../../../workflows/loyalty-messaging/workflows/send-email-settings-test"
import type { AdminSendSettingsTestType } from "../validators"

/**
 * Sends a test mail whose body states the provider, host, port, security and from address
 * actually used. It is sent once: a delivery failure answers 200 with status "failed" and the
 * error, and is never retried (a retry could run with other settings than the body states).
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminSendSettingsTestType>, res: MedusaResponse) => {
  const { result } = await sendEmailSettingsTestWorkflow(req.scope).run({ input: { to: req.validatedBody.to } })
  res.json({ email: result })
}
