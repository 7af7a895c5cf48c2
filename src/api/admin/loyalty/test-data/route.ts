import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { countTestData } from "../../../../lib/readiness/test-data"

/** What is flagged as test: accounts (`is_test`), their ledger entries, orders (`metadata.rewardflow_test`). */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json(await countTestData(req.scope))
}
