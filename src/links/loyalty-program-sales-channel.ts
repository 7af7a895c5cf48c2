import { defineLink } from "@medusajs/framework/utils"
import SalesChannelModule from "@medusajs/medusa/sales-channel"
import LoyaltyModule from "../modules/loyalty"

/** The sales channels where a program earns points. No link: every channel earns. */
export default defineLink(LoyaltyModule.linkable.loyaltyProgram, {
  linkable: SalesChannelModule.linkable.salesChannel,
  isList: true,
})
