import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { sendTemplateTestEmailWorkflow } from "../../../../../workflows/loyalty-messaging/workflows/send-template-test-email"
import type { AdminSendTemplateTestType } from "../validators"

/** Sends a template rendered with sample data to an address; answers with the log status. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminSendTemplateTestType>, res: MedusaResponse) => {
  const { key, locale, to, draft } = req.validatedBody
  const { result } = await sendTemplateTestEmailWorkflow(req.scope).run({ input: { template_key: key, locale, to, draft } })
  res.json({ email: result })
}
