import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updateWalletSettingsStep } from "../steps/update-wallet-settings"

export const updateWalletSettingsWorkflowId = "update-wallet-settings"

/** Fields of the admin patch; `null` clears the saved value (options, env or default apply again). */
export type UpdateWalletSettingsWorkflowInput = Partial<{
  issuer_id: string | null
  service_account_json: string | null
  origins: string[] | null
  default_logo_url: string | null
  public_url: string | null
  issuer_name: string | null
  background_color: string | null
  environment: "demo" | "production" | null
}>

/**
 * Saves Google Wallet settings from the admin.
 *
 * @example
 * await updateWalletSettingsWorkflow(container).run({ input: { environment: "production" } })
 */
export const updateWalletSettingsWorkflow = createWorkflow(
  updateWalletSettingsWorkflowId,
  (input: UpdateWalletSettingsWorkflowInput) => {
    updateWalletSettingsStep(input)
    return new WorkflowResponse(undefined)
  }
)
