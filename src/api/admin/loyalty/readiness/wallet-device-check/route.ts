import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { recordReadinessWorkflow } from "../../../../../workflows/loyalty-readiness/workflows/record-readiness"
import type { AdminRecordWalletDeviceCheckType } from "../validators"

/** Records that the signed-in admin saw the right balance on a pass saved on a real phone. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminRecordWalletDeviceCheckType>, res: MedusaResponse) => {
  const { result: record } = await recordReadinessWorkflow(req.scope).run({
    input: { kind: "wallet_device_check", passed: true, actor_user_id: req.auth_context.actor_id, note: req.validatedBody.note ?? null },
  })
  res.status(201).json({ record })
}
