import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { LOYALTY_MODULE } from "../../../../../modules/loyalty"
import type LoyaltyModuleService from "../../../../../modules/loyalty/service"
import type { AdminTerminalDailyTotalsType } from "./validators"

const DAY = 24 * 60 * 60 * 1000
/**
 * Per UTC day, store, device and staff member: points awarded for receipts, points spent on
 * rewards at the till, points taken back by voids, with counts; and the period's sums.
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const q = req.validatedQuery as AdminTerminalDailyTotalsType
  const today = new Date(new Date().toISOString().slice(0, 10) + "T00:00:00Z")
  const to = q.to ? new Date(q.to + "T00:00:00Z") : today
  const from = q.from ? new Date(q.from + "T00:00:00Z") : new Date(to.getTime() - 6 * DAY)
  if (from > to) throw new MedusaError(MedusaError.Types.INVALID_DATA, `from (${q.from}) must not be after to (${q.to ?? to.toISOString().slice(0, 10)})`)
  if (to.getTime() - from.getTime() > 366 * DAY) throw new MedusaError(MedusaError.Types.INVALID_DATA, "from and to may be at most 366 days apart")
  const loyalty: LoyaltyModuleService = req.scope.resolve(LOYALTY_MODULE)
  const totals = await loyalty.terminalDailyTotals({ from, to: new Date(to.getTime() + DAY), stock_location_id: q.stock_location_id ?? null })
  const sum = (k: "points_awarded" | "awards" | "points_redeemed" | "redemptions" | "points_voided" | "voids") => totals.reduce((n, t) => n + t[k], 0)
  res.json({
    from: from.toISOString().slice(0, 10),
    to: to.toISOString().slice(0, 10),
    totals,
    sums: {
      points_awarded: sum("points_awarded"),
      awards: sum("awards"),
      points_redeemed: sum("points_redeemed"),
      redemptions: sum("redemptions"),
      points_voided: sum("points_voided"),
      voids: sum("voids"),
    },
  })
}
