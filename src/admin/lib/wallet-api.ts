import type { LayeredSetting } from "./layered-setting"
import { sdk } from "./sdk"

export type WalletSetting = LayeredSetting

export type WalletSettingsView = {
  settings: Record<string, WalletSetting>
  environment: "demo" | "production"
  configured: boolean
  missing: string[]
  service_account: { client_email: string | null; from: string | null; problem?: string }
  admin_editable: string[]
}

export type WalletCheck = { id: string; ok: boolean; message: string; fix?: string }

export const walletKeys = { settings: ["rewardflow", "wallet-settings"] as const }

export async function fetchWalletSettings() {
  const { google_wallet } = await sdk.client.fetch<{ google_wallet: WalletSettingsView }>("/admin/loyalty/wallet/settings")
  return google_wallet
}

export async function saveWalletSettings(body: Record<string, unknown>) {
  const { google_wallet } = await sdk.client.fetch<{ google_wallet: WalletSettingsView }>("/admin/loyalty/wallet/settings", {
    method: "POST",
    body,
  })
  return google_wallet
}

export async function validateWallet() {
  const { validation } = await sdk.client.fetch<{ validation: { ok: boolean; environment: string; checks: WalletCheck[] } }>(
    "/admin/loyalty/wallet/validate",
    { method: "POST", body: {} }
  )
  return validation
}
