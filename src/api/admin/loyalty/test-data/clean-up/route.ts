import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { cleanUpTestDataWorkflow } from "../../../../../workflows/loyalty-readiness/workflows/clean-up-test-data"
import type { AdminCleanUpTestDataType } from "../../readiness/validators"

/** Removes only the data flagged as test, then reports the ledger's invariants (drift must be 0). */
export const POST = async (req: AuthenticatedMedusaRequest<AdminCleanUpTestDataType>, res: MedusaResponse) => {
  const { result } = await cleanUpTestDataWorkflow(req.scope).run({ input: { actor_user_id: req.auth_context.actor_id } })
  res.json(result)
}
