import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { POST as sendTestMail } from "../test-mail/route"
import type { AdminSendSettingsTestType } from "../validators"

/**
 * `POST /admin/loyalty/email/test`, the same as `/test-mail`. `medusa plugin:build` leaves out
 * every folder named `test`, so this path is served through a route parameter; other names
 * under /email/ that no route serves answer 404.
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminSendSettingsTestType>, res: MedusaResponse) => {
  if (req.params.action !== "test") {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `POST /admin/loyalty/email/${req.params.action} does not exist`)
  }
  return await sendTestMail(req, res)
}
