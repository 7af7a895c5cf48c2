import type { MedusaRequest } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { refusal } from "../modules/loyalty/lib/refusal"

/** The request's `Idempotency-Key` header: undefined when absent, 400 when empty or too long. */
export function readIdempotencyKey(req: MedusaRequest): string | undefined {
  const header = req.get("idempotency-key")?.trim()
  if (header !== undefined && (header.length === 0 || header.length > 200)) {
    throw refusal("invalid_request", "Idempotency-Key header must be 1-200 characters", { field: "Idempotency-Key" }, MedusaError.Types.INVALID_DATA)
  }
  return header
}
