import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { saveEmailSettingsStep } from "../steps/save-email-settings"

export const updateEmailSettingsWorkflowId = "update-loyalty-email-settings"

/**
 * Saves email settings overrides from the admin; fields not sent keep their value, null
 * removes an override so the field falls back to options, env or default.
 *
 * @example
 * await updateEmailSettingsWorkflow(container).run({ input: { patch: { provider: "smtp", port: 587 }, actor_id } })
 */
export const updateEmailSettingsWorkflow = createWorkflow(
  updateEmailSettingsWorkflowId,
  (input: { patch: Record<string, unknown>; actor_id: string | null }) => new WorkflowResponse(saveEmailSettingsStep(input))
)
