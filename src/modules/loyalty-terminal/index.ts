import { Module } from "@medusajs/framework/utils"
import LoyaltyTerminalModuleService from "./service"

export const LOYALTY_TERMINAL_MODULE = "loyalty_terminal"

export default Module(LOYALTY_TERMINAL_MODULE, { service: LoyaltyTerminalModuleService })

export { LoyaltyTerminalModuleService }
export * from "./events"
export * from "./options"
export * from "./lib/terminal-refusal"
export type * from "./types"
