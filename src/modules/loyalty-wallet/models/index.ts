export { WalletSettings } from "./wallet-settings"
export { WalletClass } from "./wallet-class"
export { WalletPass } from "./wallet-pass"
