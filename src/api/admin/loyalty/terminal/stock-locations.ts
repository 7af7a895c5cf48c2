import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { terminalRefusal } from "../../../../modules/loyalty-terminal/lib/terminal-refusal"

/** Refuses with 404 stock_location_not_found the first id that is no stock location. */
export async function assertStockLocations(scope: MedusaContainer, ids: string[]) {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "stock_location", fields: ["id"], filters: { id: [...new Set(ids)] } })
  const found = new Set(data.map((l: { id: string }) => l.id))
  const missing = ids.find((id) => !found.has(id))
  if (missing) throw terminalRefusal("stock_location_not_found", `Stock location ${missing} was not found`, { stock_location_id: missing })
}
