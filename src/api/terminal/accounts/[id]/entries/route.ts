import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { terminalRoute, tillContext } from "../../../terminal-response"
import { tillAccount, tillEntries } from "../../../till"

/** An account's recent history at the till (`?limit=` 1-50, default 10), newest first, with device and staff. */
export const GET = terminalRoute(async (req: MedusaRequest, res: MedusaResponse) => {
  tillContext(req)
  const account = await tillAccount(req, req.params.id)
  const { limit } = req.validatedQuery as { limit: number }
  res.json({ entries: await tillEntries(req, account.id, limit), balance: account.balance })
})
