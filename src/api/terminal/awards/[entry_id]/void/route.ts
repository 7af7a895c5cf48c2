import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LOYALTY_MODULE } from "../../../../../modules/loyalty"
import type LoyaltyModuleService from "../../../../../modules/loyalty/service"
import { voidTerminalAwardWorkflow } from "../../../../../workflows/loyalty-till/workflows/till"
import { requireManager, terminalRoute, tillContext } from "../../../terminal-response"

/** A manager voids an in-store award on the day it was made: a `reverse` entry closing it (once). */
export const POST = terminalRoute(async (req: MedusaRequest<{ reason?: string }>, res: MedusaResponse) => {
  const terminal = tillContext(req)
  requireManager(terminal)
  const loyalty: LoyaltyModuleService = req.scope.resolve(LOYALTY_MODULE)
  const [entry] = await loyalty.listLoyaltyLedgerEntries({ id: req.params.entry_id }, { take: 1, relations: ["account"] })
  const { result } = await voidTerminalAwardWorkflow(req.scope).run({
    input: {
      entry_id: req.params.entry_id,
      customer_id: (entry as any)?.account?.customer_id ?? "",
      actor: { device_id: terminal.device.id, staff_id: terminal.staff.id },
      reason: (req.validatedBody as { reason?: string })?.reason ?? null,
    },
  })
  res.json({ entry: result.entry, balance: result.balance, points_owed: result.points_owed, replayed: !result.created })
})
