import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { multiplierOf } from "../../../../modules/loyalty/lib/earn-points"

type Row = Record<string, any>

/** A tier as the admin API answers it: the multiplier to two decimals, and how many members hold it. */
export function toAdminTier(tier: Row, memberCount: number) {
  return {
    id: tier.id,
    program_id: tier.program_id,
    name: tier.name,
    perks: tier.perks ?? null,
    threshold: tier.threshold,
    multiplier: multiplierOf(tier.multiplier).toNumber(),
    color: tier.color ?? null,
    metadata: tier.metadata ?? null,
    member_count: memberCount,
    created_at: tier.created_at,
    updated_at: tier.updated_at,
  }
}

/** The refusals of the tier routes, each a 409 with its figures at the top level. */
const TIER_REFUSALS = new Set(["tier_in_use", "threshold_taken"])

/**
 * Runs a tier route and answers its refusals (`tier_in_use`, `threshold_taken`) with 409, the
 * message as written and the reason; Medusa's error handler would replace a CONFLICT's message
 * with a generic one. Anything else goes on to Medusa's error handler.
 */
export function tierRoute<Req extends MedusaRequest>(handler: (req: Req, res: MedusaResponse) => Promise<unknown>) {
  return async (req: Req, res: MedusaResponse) => {
    try {
      await handler(req, res)
    } catch (e) {
      const error = e as { type?: string; message?: string; reason?: string; details?: Record<string, unknown> }
      if (!error?.reason || !TIER_REFUSALS.has(error.reason) || res.headersSent) throw e
      res.status(409).json({ ...(error.details ?? {}), type: error.type, message: error.message, reason: error.reason })
    }
  }
}
