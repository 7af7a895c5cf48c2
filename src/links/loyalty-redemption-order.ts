import { defineLink } from "@medusajs/framework/utils"
import OrderModule from "@medusajs/medusa/order"
import LoyaltyModule from "../modules/loyalty"

/** redemption.order in query.graph: the order that spent the points. Read-only: the redemption stores order_id itself. */
export default defineLink(
  { linkable: LoyaltyModule.linkable.loyaltyRedemption, field: "order_id" },
  OrderModule.linkable.order,
  { readOnly: true }
)
