/** How the form edits a Wallet setting. */
export type WalletInput = "text" | "secret-json" | "list" | "color" | "environment"

type WalletField = { label: string; hint?: string; input: WalletInput; placeholder?: string }

/**
 * The Wallet settings in the order the form shows them, with their text keys (namespace
 * rewardflow). The admin edits those the API lists in `admin_editable`; the others (where the
 * plugin talks to Google) are shown read-only.
 */
export const WALLET_FIELDS: Record<string, WalletField> = {
  issuer_id: { label: "wallet.fields.issuer_id", hint: "wallet.hints.issuer_id", input: "text", placeholder: "3388000000012345678" },
  service_account_json: { label: "wallet.fields.service_account_json", hint: "wallet.hints.service_account_json", input: "secret-json" },
  key_file: { label: "wallet.fields.key_file", hint: "wallet.hints.key_file", input: "text", placeholder: "/etc/rewardflow/wallet-key.json" },
  origins: { label: "wallet.fields.origins", hint: "wallet.hints.origins", input: "list", placeholder: "https://shop.example.com" },
  default_logo_url: { label: "wallet.fields.default_logo_url", hint: "wallet.hints.default_logo_url", input: "text", placeholder: "https://shop.example.com/logo.png" },
  public_url: { label: "wallet.fields.public_url", hint: "wallet.hints.public_url", input: "text", placeholder: "https://api.shop.example.com" },
  issuer_name: { label: "wallet.fields.issuer_name", hint: "wallet.hints.issuer_name", input: "text" },
  background_color: { label: "wallet.fields.background_color", hint: "wallet.hints.background_color", input: "color", placeholder: "#1f3a5f" },
  environment: { label: "wallet.fields.environment", hint: "wallet.hints.environment", input: "environment" },
  api_base_url: { label: "wallet.fields.api_base_url", input: "text" },
  token_url: { label: "wallet.fields.token_url", input: "text" },
  save_url_base: { label: "wallet.fields.save_url_base", input: "text" },
}

export const WALLET_ENVIRONMENTS = [
  { value: "demo", label: "wallet.environment.demo" },
  { value: "production", label: "wallet.environment.production" },
] as const

/** Names of the Validate checks, by check id. */
export const WALLET_CHECK_NAMES: Record<string, string> = {
  service_account: "wallet.checks.service_account",
  token: "wallet.checks.token",
  issuer: "wallet.checks.issuer",
  origins: "wallet.checks.origins",
  logo: "wallet.checks.logo",
  public_url: "wallet.checks.public_url",
}
