import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LOYALTY_MODULE } from "../../../../modules/loyalty"
import type LoyaltyModuleService from "../../../../modules/loyalty/service"
import { createTierWorkflow } from "../../../../workflows/loyalty-tiers-admin/workflows/create-tier"
import { tierRoute, toAdminTier } from "./tier-view"
import type { AdminCreateTierType } from "./validators"

/** The program's tiers, lowest threshold first, each with the number of members holding it. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const loyalty: LoyaltyModuleService = req.scope.resolve(LOYALTY_MODULE)
  const program = await loyalty.getOrCreateDefaultProgram()
  const [tiers, members] = await Promise.all([
    loyalty.listLoyaltyTiers({ program_id: program.id }, { order: { threshold: "ASC" } }),
    loyalty.countTierMembers(program.id),
  ])
  res.json({ tiers: tiers.map((t) => toAdminTier(t, members[t.id] ?? 0)) })
}

/** Adds a tier; its threshold must differ from every other tier's (409 `threshold_taken`). */
export const POST = tierRoute(async (req: AuthenticatedMedusaRequest<AdminCreateTierType>, res: MedusaResponse) => {
  const { result } = await createTierWorkflow(req.scope).run({ input: req.validatedBody })
  res.json({ tier: toAdminTier(result, 0) })
})
