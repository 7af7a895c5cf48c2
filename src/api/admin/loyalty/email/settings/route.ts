import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LOYALTY_MESSAGING_MODULE } from "../../../../../modules/loyalty-messaging"
import type LoyaltyMessagingModuleService from "../../../../../modules/loyalty-messaging/service"
import { updateEmailSettingsWorkflow } from "../../../../../workflows/loyalty-messaging/workflows/update-email-settings"
import type { AdminUpdateEmailSettingsType } from "../validators"

async function view(req: AuthenticatedMedusaRequest<any>) {
  const messaging: LoyaltyMessagingModuleService = req.scope.resolve(LOYALTY_MESSAGING_MODULE)
  return await messaging.describeEmailSettings()
}

/** The effective settings, each with its source (database, options, env, default); secrets only `is_set`. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json(await view(req))
}

/** Saves overrides field by field; null removes one. Secrets are stored encrypted. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminUpdateEmailSettingsType>, res: MedusaResponse) => {
  const messaging: LoyaltyMessagingModuleService = req.scope.resolve(LOYALTY_MESSAGING_MODULE)
  // Sealed here, before the workflow: its input (and any stored execution) never holds a clear secret.
  await updateEmailSettingsWorkflow(req.scope).run({
    input: { patch: messaging.sealEmailSettingsPatch(req.validatedBody), actor_id: req.auth_context.actor_id ?? null },
  })
  res.json(await view(req))
}
