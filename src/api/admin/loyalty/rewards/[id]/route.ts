import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LOYALTY_MODULE } from "../../../../../modules/loyalty"
import type LoyaltyModuleService from "../../../../../modules/loyalty/service"
import { deleteRewardWorkflow } from "../../../../../workflows/rewards/workflows/delete-reward"
import { updateRewardWorkflow } from "../../../../../workflows/rewards/workflows/update-reward"
import type { AdminUpdateRewardType } from "../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const loyalty: LoyaltyModuleService = req.scope.resolve(LOYALTY_MODULE)
  res.json({ reward: await loyalty.retrieveLoyaltyReward(req.params.id) })
}

/** Changes a reward; redemptions already made keep their terms. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminUpdateRewardType>, res: MedusaResponse) => {
  const { result } = await updateRewardWorkflow(req.scope).run({ input: { id: req.params.id, update: req.validatedBody as any } })
  res.json({ reward: result })
}

/** Removes a reward from the catalog; its redemptions keep their history. */
export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await deleteRewardWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ id: req.params.id, object: "loyalty_reward", deleted: true })
}
