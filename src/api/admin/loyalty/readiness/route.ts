import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { readinessBoard } from "../../../../lib/readiness/board"

/** The go-live board: one line per check (status, summary, evidence, the screen that fixes it). */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json(await readinessBoard(req.scope))
}
