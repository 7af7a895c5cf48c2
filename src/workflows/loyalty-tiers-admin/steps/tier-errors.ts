import { MedusaError } from "@medusajs/framework/utils"

/**
 * Another tier of the program has this threshold (tiers rank by threshold, one per value).
 * CONFLICT with `reason: "threshold_taken"`; `field` and `errors` name `threshold` so a form shows it there.
 */
export function thresholdTaken(threshold: number, holder?: string) {
  const message = `threshold ${threshold} is already ${holder ? `the threshold of tier ${holder}` : "another tier's threshold"}: each tier needs its own`
  return Object.assign(new MedusaError(MedusaError.Types.CONFLICT, message), {
    reason: "threshold_taken",
    details: { field: "threshold", errors: [{ field: "threshold", message }], threshold },
  })
}

/**
 * The database's unique (program, threshold) index refused a write another request raced in
 * (Medusa maps it to INVALID_DATA "Loyalty tier with program_id: …, threshold: …, already exists.").
 */
export function isDuplicateThreshold(e: unknown): boolean {
  const error = e as { type?: string; message?: string } | null
  const duplicate = error?.type === MedusaError.Types.INVALID_DATA || error?.type === MedusaError.Types.DUPLICATE_ERROR
  return duplicate && /threshold: .*already exists/.test(error?.message ?? "")
}
