import { defineLink } from "@medusajs/framework/utils"
import CustomerModule from "@medusajs/medusa/customer"
import LoyaltyModule from "../modules/loyalty"

/**
 * account.customer in query.graph. Read-only: the account stores customer_id itself,
 * so the (program, customer) pair can carry a UNIQUE constraint.
 */
export default defineLink(
  { linkable: LoyaltyModule.linkable.loyaltyAccount, field: "customer_id" },
  CustomerModule.linkable.customer,
  { readOnly: true }
)
