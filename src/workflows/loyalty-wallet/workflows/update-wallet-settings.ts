import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { SealedSecret } from "../../../lib/layered-settings"
import { updateWalletSettingsStep } from "../steps/update-wallet-settings"

export const updateWalletSettingsWorkflowId = "update-wallet-settings"

/** How long a settings change's execution is kept (seconds): a week. */
export const SETTINGS_EXECUTION_RETENTION_SECONDS = 7 * 24 * 3600

/** Fields of the admin patch; `null` clears the saved value (options, env or default apply again). */
export type UpdateWalletSettingsWorkflowInput = Partial<{
  issuer_id: string | null
  /** Sealed by the route (`LoyaltyWalletModuleService.sealWalletSettingsPatch`); a clear value is sealed by the step. */
  service_account_json: SealedSecret | string | null
  origins: string[] | null
  default_logo_url: string | null
  public_url: string | null
  issuer_name: string | null
  background_color: string | null
  environment: "demo" | "production" | null
}>

/**
 * Saves Google Wallet settings from the admin. Executions are kept a week (who changed what); the
 * private key comes in sealed, so none of them holds it.
 *
 * @example
 * await updateWalletSettingsWorkflow(container).run({ input: { environment: "production" } })
 */
export const updateWalletSettingsWorkflow = createWorkflow(
  { name: updateWalletSettingsWorkflowId, store: true, retentionTime: SETTINGS_EXECUTION_RETENTION_SECONDS },
  (input: UpdateWalletSettingsWorkflowInput) => {
    updateWalletSettingsStep(input)
    return new WorkflowResponse(undefined)
  }
)
