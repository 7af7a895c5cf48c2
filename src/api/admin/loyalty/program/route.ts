import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LOYALTY_MODULE } from "../../../../modules/loyalty"
import type LoyaltyModuleService from "../../../../modules/loyalty/service"
import { updateLoyaltyProgramWorkflow } from "../../../../workflows/loyalty/workflows/update-loyalty-program"
import { graphOne, PROGRAM_FIELDS, toAdminProgram } from "../../../loyalty-views"
import type { AdminUpdateLoyaltyProgramType } from "./validators"

async function programView(req: AuthenticatedMedusaRequest) {
  const loyalty: LoyaltyModuleService = req.scope.resolve(LOYALTY_MODULE)
  const { id } = await loyalty.getOrCreateDefaultProgram()
  return toAdminProgram((await graphOne(req.scope, "loyalty_program", PROGRAM_FIELDS, { id }))!)
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
  await updateLoyaltyProgramWorkflow(req.scope).run({ input: { id, ...req.validatedBody } })
  res.json({ program: await programView(req) })
}
