import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { saveEmailSettingsStep } from "../steps/save-email-settings"
import { SETTINGS_EXECUTION_RETENTION_SECONDS } from "../../loyalty-wallet/workflows/update-wallet-settings"

export const updateEmailSettingsWorkflowId = "update-loyalty-email-settings"

/**
 * Saves email settings overrides from the admin; fields not sent keep their value, null
 * removes an override so the field falls back to options, env or default. Secrets come in sealed
 * (`LoyaltyMessagingModuleService.sealEmailSettingsPatch`, in the route): executions are kept a
 * week (who changed what) and none of them holds a clear password or API key.
 *
 * @example
 * await updateEmailSettingsWorkflow(container).run({ input: { patch: { provider: "smtp", port: 587 }, actor_id } })
 */
export const updateEmailSettingsWorkflow = createWorkflow(
  { name: updateEmailSettingsWorkflowId, store: true, retentionTime: SETTINGS_EXECUTION_RETENTION_SECONDS },
  (input: { patch: Record<string, unknown>; actor_id: string | null }) => new WorkflowResponse(saveEmailSettingsStep(input))
)
