import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { terminalRoute, tillContext } from "../../terminal-response"
import { accountByCode, tillAccountView } from "../../till"

/** The account of a typed or scanned card (`?code=`): card, balance, status, first name and initial, masked email. */
export const GET = terminalRoute(async (req: MedusaRequest, res: MedusaResponse) => {
  tillContext(req)
  const { code } = req.validatedQuery as { code: string }
  const account = await accountByCode(req, code)
  res.json({ account: await tillAccountView(req, account.id) })
})
