import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { redeemRewardInStoreWorkflow } from "../../../workflows/loyalty-till/workflows/till"
import { terminalRoute, tillContext } from "../terminal-response"
import { tillAccount } from "../till"

type Body = { account_id: string; reward_id: string; client_id: string }

/**
 * A reward redeemed in store (no cart): a `redeem` entry of its points cost and a confirmation
 * code to write on the receipt. 201; the same `client_id` again returns the first (200, `replayed`).
 */
export const POST = terminalRoute(async (req: MedusaRequest<Body>, res: MedusaResponse) => {
  const terminal = tillContext(req)
  const body = req.validatedBody as Body
  const account = await tillAccount(req, body.account_id)
  const { result } = await redeemRewardInStoreWorkflow(req.scope).run({
    input: {
      account_id: account.id,
      customer_id: account.customer_id,
      reward_id: body.reward_id,
      client_id: body.client_id,
      stock_location_id: terminal.stock_location_id,
      actor: { device_id: terminal.device.id, staff_id: terminal.staff.id },
    },
  })
  res.status(result.replayed ? 200 : 201).json({
    entry: result.entry,
    balance: result.balance,
    confirmation_code: result.confirmation_code,
    replayed: result.replayed,
  })
})
