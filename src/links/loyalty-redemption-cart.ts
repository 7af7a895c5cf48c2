import { defineLink } from "@medusajs/framework/utils"
import CartModule from "@medusajs/medusa/cart"
import LoyaltyModule from "../modules/loyalty"

/** redemption.cart in query.graph: the cart the points were reserved on. Read-only: the redemption stores cart_id itself. */
export default defineLink(
  { linkable: LoyaltyModule.linkable.loyaltyRedemption, field: "cart_id" },
  CartModule.linkable.cart,
  { readOnly: true }
)
