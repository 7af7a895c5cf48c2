import { Module } from "@medusajs/framework/utils"
import LoyaltyModuleService from "./service"

export const LOYALTY_MODULE = "loyalty"

export default Module(LOYALTY_MODULE, { service: LoyaltyModuleService })

export { LoyaltyModuleService }
export * from "./types"
export * from "./events"
export * from "./options"
export type {
  OrderPointsState,
  SettleOrderPointsInput,
  SettleOrderPointsResult,
} from "./lib/ledger/order-points-store"
