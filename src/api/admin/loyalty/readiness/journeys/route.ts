import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { recordReadinessWorkflow } from "../../../../../workflows/loyalty-readiness/workflows/record-readiness"
import type { AdminRecordJourneysType } from "../validators"

/** Records a run of the user journeys and its result (what `npm run journeys` reports). */
export const POST = async (req: AuthenticatedMedusaRequest<AdminRecordJourneysType>, res: MedusaResponse) => {
  const { passed, journeys, started_at, finished_at } = req.validatedBody
  const { result: record } = await recordReadinessWorkflow(req.scope).run({
    input: {
      kind: "journeys",
      // A run that says it passed while one of its journeys failed did not pass.
      passed: passed && journeys.every((j) => j.passed),
      actor_user_id: req.auth_context.actor_id,
      details: { journeys, started_at: started_at ?? null, finished_at: finished_at ?? null },
    },
  })
  res.status(201).json({ record })
}
