import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { randomUUID } from "node:crypto"
import { readIdempotencyKey } from "../../../../../idempotency-key"
import { adminAdjustKey } from "../../../../../../workflows/loyalty/keys"
import { adjustPointsWorkflow } from "../../../../../../workflows/loyalty/workflows/adjust-points"
import type { AdminAdjustPointsType } from "../../validators"

/**
 * Adds (positive) or removes (negative) points with a reason; the acting admin is recorded.
 * An `Idempotency-Key` header makes a retried request return the first result (200)
 * instead of adjusting twice.
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminAdjustPointsType>, res: MedusaResponse) => {
  const header = readIdempotencyKey(req)
  const { result } = await adjustPointsWorkflow(req.scope).run({
    input: {
      account_id: req.params.id,
      points: req.validatedBody.points,
      reason: req.validatedBody.reason,
      idempotency_key: adminAdjustKey(header ? `${req.params.id}:${header}` : randomUUID()),
      actor_user_id: req.auth_context.actor_id,
    },
  })
  res.status(result.created ? 201 : 200).json({
    entry: result.entry,
    account: { id: result.entry.account_id, balance: result.balance },
    replayed: !result.created,
  })
}
