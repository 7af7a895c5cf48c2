import { defineLink } from "@medusajs/framework/utils"
import PromotionModule from "@medusajs/medusa/promotion"
import LoyaltyModule from "../modules/loyalty"

/** redemption.promotion in query.graph: the single-use promotion that gives the discount. Read-only: the redemption stores promotion_id itself. */
export default defineLink(
  { linkable: LoyaltyModule.linkable.loyaltyRedemption, field: "promotion_id" },
  PromotionModule.linkable.promotion,
  { readOnly: true }
)
