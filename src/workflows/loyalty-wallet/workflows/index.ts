export * from "./create-wallet-save-link"
export * from "./sync-wallet-pass"
export * from "./update-wallet-settings"
export * from "./validate-wallet-setup"
