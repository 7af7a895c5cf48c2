import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { PassAccount, PassProgram } from "../../modules/loyalty-wallet/lib/pass-payloads"

/** What a pass shows, read fresh: the account (current balance, tier with its colour), its program and customer. */
export async function loadPassSource(
  container: Pick<MedusaContainer, "resolve">,
  accountId: string
): Promise<{ account: PassAccount & { program_id: string }; program: PassProgram } | null> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "loyalty_account",
    fields: [
      "id",
      "program_id",
      "card_number",
      "balance",
      "status",
      "locale",
      "tier_id",
      "program.id",
      "program.name",
      "program.default_locale",
      "customer.first_name",
      "customer.last_name",
      "customer.email",
    ],
    filters: { id: accountId },
  })
  const row = data[0] as any
  if (!row) return null
  const tier = row.tier_id
    ? ((await query.graph({ entity: "loyalty_tier", fields: ["name", "perks", "color"], filters: { id: row.tier_id } })).data[0] as PassAccount["tier"])
    : null
  return { account: { ...row, tier: tier ?? null }, program: row.program }
}
