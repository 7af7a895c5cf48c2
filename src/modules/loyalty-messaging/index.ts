import { Module } from "@medusajs/framework/utils"
import LoyaltyMessagingModuleService from "./service"

export const LOYALTY_MESSAGING_MODULE = "loyalty_messaging"

export default Module(LOYALTY_MESSAGING_MODULE, { service: LoyaltyMessagingModuleService })

export { LoyaltyMessagingModuleService }
export * from "./types"
export { TEMPLATE_KEYS, EMAIL_LOCALES, TEMPLATE_VARIABLES, sampleVariables } from "./lib/variables"
export type { TemplateKey, EmailLocale, EmailVariables } from "./lib/variables"
export { EMAIL_SETTINGS_SPEC } from "./settings-spec"
