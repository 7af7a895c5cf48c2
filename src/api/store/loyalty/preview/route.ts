import type { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import ProgramSalesChannels from "../../../../links/loyalty-program-sales-channel"
import { LOYALTY_MODULE } from "../../../../modules/loyalty"
import { earnPreview } from "../../../../modules/loyalty/lib/earn-preview"
import type LoyaltyModuleService from "../../../../modules/loyalty/service"
import { storeRoute } from "../../refusal-response"
import { loadCartPurchase, loadVariantPurchase } from "./purchase"
import type { StoreLoyaltyPreviewType } from "./validators"

/**
 * The points a cart (`?cart_id=`) or `quantity` units of a variant (`?variant_id=`) would earn
 * now for this shopper: the award's own rules with the member's tier multiplier; anonymous
 * shoppers and non-members at the base rate. Reads only, outside any transaction: one SQL
 * statement for the program, account and tier, the program's sales channels, and Medusa's own
 * read of the cart or variant, all at once.
 */
export const GET = storeRoute(async (req: MedusaStoreRequest, res: MedusaResponse) => {
  const q = req.validatedQuery as StoreLoyaltyPreviewType
  const customerId = req.auth_context?.actor_id || null
  const loyalty: LoyaltyModuleService = req.scope.resolve(LOYALTY_MODULE)
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const [context, { data: links }, purchase] = await Promise.all([
    loyalty.previewContext(customerId),
    query.graph({ entity: ProgramSalesChannels.entryPoint, fields: ["loyalty_program_id", "sales_channel_id"] }),
    q.cart_id
      ? loadCartPurchase(req.scope, q.cart_id, customerId)
      : loadVariantPurchase(req.scope, { ...q, variant_id: q.variant_id! }, customerId, req.publishable_key_context?.sales_channel_ids ?? []),
  ])
  const preview = earnPreview(context, {
    ...purchase,
    program_sales_channel_ids: (links as { loyalty_program_id: string; sales_channel_id: string }[])
      .filter((l) => l.loyalty_program_id === context.program.id)
      .map((l) => l.sales_channel_id),
  })
  const subject = q.cart_id ? { basis: "cart" as const, cart_id: q.cart_id } : { basis: "variant" as const, variant_id: q.variant_id!, quantity: q.quantity ?? 1 }
  res.json({ preview: { ...subject, ...preview } })
})
