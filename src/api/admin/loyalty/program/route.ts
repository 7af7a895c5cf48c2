import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LOYALTY_MODULE } from "../../../../modules/loyalty"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { liabilityEstimates } from "../analytics/reports"
import type LoyaltyModuleService from "../../../../modules/loyalty/service"
import { updateLoyaltyProgramWorkflow } from "../../../../workflows/loyalty/workflows/update-loyalty-program"
import { graphOne, PROGRAM_FIELDS, toAdminProgram } from "../../../loyalty-views"
import type { AdminUpdateLoyaltyProgramType } from "./validators"

async function programView(req: AuthenticatedMedusaRequest) {
  const loyalty: LoyaltyModuleService = req.scope.resolve(LOYALTY_MODULE)
  const { id } = await loyalty.getOrCreateDefaultProgram()
  const knex = req.scope.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const estimates = await liabilityEstimates(knex, id)
  const estimate = estimates[estimates.length - 1]
  return {
    ...toAdminProgram((await graphOne(req.scope, "loyalty_program", PROGRAM_FIELDS, { id }))!),
    liability_estimate: estimate
      ? {
          currency_code: estimate.currency_code,
          point_value: estimate.point_value,
          expected_redemption_rate: estimate.expected_redemption_rate,
          effective_at: estimate.effective_at,
          actor_user_id: estimate.actor_user_id ?? null,
        }
      : null,
    liability_estimates: estimates.length,
  }
}

/** The program's settings. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ program: await programView(req) })
}

/** Updates the program's settings (only the fields sent). */
export const POST = async (
  req: AuthenticatedMedusaRequest<AdminUpdateLoyaltyProgramType>,
  res: MedusaResponse
) => {
  const loyalty: LoyaltyModuleService = req.scope.resolve(LOYALTY_MODULE)
  const { id } = await loyalty.getOrCreateDefaultProgram()
  await updateLoyaltyProgramWorkflow(req.scope).run({ input: { id, ...req.validatedBody, actor_user_id: req.auth_context?.actor_id ?? null } })
  res.json({ program: await programView(req) })
}
