import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { LOYALTY_MODULE } from "../../../../../modules/loyalty"
import type LoyaltyModuleService from "../../../../../modules/loyalty/service"
import { SHOPPER_ENTRY_FIELDS } from "../../../../loyalty-views"
import type { LedgerPageParamsType } from "./validators"
import { storeRoute } from "../../../refusal-response"

/** The shopper's points history, newest first, paginated. */
export const GET = storeRoute(async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { limit, offset, type } = req.validatedQuery as LedgerPageParamsType
  const loyalty: LoyaltyModuleService = req.scope.resolve(LOYALTY_MODULE)
  const program = await loyalty.getOrCreateDefaultProgram()
  const [account] = await loyalty.listLoyaltyAccounts(
    { program_id: program.id, customer_id: req.auth_context.actor_id },
    { select: ["id"], take: 1 }
  )
  if (!account) {
    return res.json({ entries: [], count: 0, limit, offset })
  }
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: entries, metadata } = await query.graph({
    entity: "loyalty_ledger_entry",
    fields: SHOPPER_ENTRY_FIELDS,
    filters: { account_id: account.id, ...(type ? { type } : {}) },
    pagination: { skip: offset, take: limit, order: { created_at: "DESC", id: "DESC" } },
  })
  res.json({ entries, count: metadata?.count ?? entries.length, limit, offset })
})
