import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LOYALTY_MODULE } from "../../../../modules/loyalty"
import type LoyaltyModuleService from "../../../../modules/loyalty/service"
import { createRewardWorkflow } from "../../../../workflows/rewards/workflows/create-reward"
import type { AdminCreateRewardType, AdminListRewardsType } from "./validators"

/** The program's reward catalog, newest first. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminListRewardsType>, res: MedusaResponse) => {
  const { limit = 20, offset = 0, ...filters } = req.validatedQuery as AdminListRewardsType
  const loyalty: LoyaltyModuleService = req.scope.resolve(LOYALTY_MODULE)
  const program = await loyalty.getOrCreateDefaultProgram()
  const [rewards, count] = await loyalty.listAndCountLoyaltyRewards(
    { program_id: program.id, ...filters },
    { take: limit, skip: offset, order: { created_at: "DESC" } }
  )
  res.json({ rewards, count, limit, offset })
}

/** Adds a reward to the catalog. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminCreateRewardType>, res: MedusaResponse) => {
  const { result } = await createRewardWorkflow(req.scope).run({ input: req.validatedBody as any })
  res.status(201).json({ reward: result })
}
