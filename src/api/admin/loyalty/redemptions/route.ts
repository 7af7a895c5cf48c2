import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { listAdminRedemptions, type RedemptionFilters } from "./list-redemptions"
import type { AdminListRedemptionsType } from "./validators"

/** Redemptions with their reward, account and customer, newest first. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminListRedemptionsType>, res: MedusaResponse) => {
  const { order_id, cart_id, account_id, customer_id, status, limit, offset } = req.validatedQuery as AdminListRedemptionsType
  const filters: RedemptionFilters = {
    ...(order_id ? { order_id } : {}),
    ...(cart_id ? { cart_id } : {}),
    ...(account_id ? { account_id } : {}),
    ...(status ? { status } : {}),
  }
  if (customer_id) {
    // A redemption belongs to an account; the customer is the account's.
    const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
    const { data: accounts } = await query.graph({ entity: "loyalty_account", fields: ["id"], filters: { customer_id } })
    const ids = accounts.map((a: { id: string }) => a.id).filter((id: string) => !account_id || id === account_id)
    if (!ids.length) {
      res.json({ redemptions: [], count: 0, limit, offset })
      return
    }
    filters.account_id = ids
  }
  const page = await listAdminRedemptions(req.scope, filters, { limit, offset })
  res.json({ ...page, limit, offset })
}
