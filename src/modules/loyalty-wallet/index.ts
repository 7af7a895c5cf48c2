import { Module } from "@medusajs/framework/utils"
import LoyaltyWalletModuleService from "./service"

export const LOYALTY_WALLET_MODULE = "loyalty_wallet"

export default Module(LOYALTY_WALLET_MODULE, { service: LoyaltyWalletModuleService })

export { LoyaltyWalletModuleService }
export * from "./types"
