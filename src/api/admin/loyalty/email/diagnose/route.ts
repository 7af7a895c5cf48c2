import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LOYALTY_MESSAGING_MODULE } from "../../../../../modules/loyalty-messaging"
import type LoyaltyMessagingModuleService from "../../../../../modules/loyalty-messaging/service"
import type { AdminDiagnoseEmailType } from "../validators"

/**
 * Checks the way to the mail server step by step: DNS, TCP to the configured port and to
 * 465 and 587, TLS or STARTTLS handshake, authentication. Read-only: sends no mail.
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminDiagnoseEmailType>, res: MedusaResponse) => {
  const messaging: LoyaltyMessagingModuleService = req.scope.resolve(LOYALTY_MESSAGING_MODULE)
  res.json({ diagnosis: await messaging.diagnose(req.validatedBody.timeout_ms ?? 3000) })
}
