import { z } from "@medusajs/framework/zod"
import { LEDGER_ENTRY_TYPES } from "../../../../../modules/loyalty/types"

const int = (def: number, min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? Number(v) : v),
    z.number().int().min(min).max(max).default(def)
  )

/** `limit` (1-100, default 20) and `offset` for a page of ledger entries, newest first. */
export const LedgerPageParams = z.object({
  limit: int(20, 1, 100),
  offset: int(0, 0, Number.MAX_SAFE_INTEGER),
  type: z.enum(LEDGER_ENTRY_TYPES).optional(),
})
export type LedgerPageParamsType = z.infer<typeof LedgerPageParams>
