import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LOYALTY_MODULE } from "../../../../../modules/loyalty"
import type LoyaltyModuleService from "../../../../../modules/loyalty/service"
import { deleteTierWorkflow } from "../../../../../workflows/loyalty-tiers-admin/workflows/delete-tier"
import { updateTierWorkflow } from "../../../../../workflows/loyalty-tiers-admin/workflows/update-tier"
import { tierRoute, toAdminTier } from "../tier-view"
import type { AdminUpdateTierType } from "../validators"

async function tierView(loyalty: LoyaltyModuleService, tier: Record<string, any>) {
  const members = await loyalty.countTierMembers(tier.program_id)
  return toAdminTier(tier, members[tier.id] ?? 0)
}

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const loyalty: LoyaltyModuleService = req.scope.resolve(LOYALTY_MODULE)
  res.json({ tier: await tierView(loyalty, await loyalty.retrieveLoyaltyTier(req.params.id)) })
}

/** Changes a tier (only the fields sent); members keep it until the tier rules evaluate them again. */
export const POST = tierRoute(async (req: AuthenticatedMedusaRequest<AdminUpdateTierType>, res: MedusaResponse) => {
  const { result } = await updateTierWorkflow(req.scope).run({ input: { id: req.params.id, update: req.validatedBody } })
  res.json({ tier: await tierView(req.scope.resolve(LOYALTY_MODULE), result) })
})

/** Removes a tier nobody holds (soft delete); one that members hold is refused with 409 `tier_in_use`. */
export const DELETE = tierRoute(async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await deleteTierWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ id: req.params.id, object: "loyalty_tier", deleted: true })
})
