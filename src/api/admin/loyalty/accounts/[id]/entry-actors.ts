import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"

type Entry = { actor_user_id?: string | null; actor_customer_id?: string | null; actor_device_id?: string | null; actor_staff_id?: string | null }
type Person = { id: string; email: string | null; first_name: string | null; last_name: string | null }

/** Who acted on a page of ledger entries, by id: the admin page shows names instead of ids. */
export type EntryActors = {
  users: Record<string, Person>
  customers: Record<string, Person>
  devices: Record<string, { id: string; name: string }>
  staff: Record<string, { id: string; name: string }>
}

const ids = (entries: Entry[], key: keyof Entry) => [...new Set(entries.map((e) => e[key]).filter((v): v is string => !!v))]
const byId = <T extends { id: string }>(rows: T[]) => Object.fromEntries(rows.map((r) => [r.id, r]))

/**
 * The admin users, customers, terminal devices and staff named by these entries. A device or a
 * staff member removed since is still named (their rows are soft-deleted, read directly like the
 * stores analytics does); an actor that no longer exists at all is simply absent.
 */
export async function entryActors(scope: MedusaContainer, entries: Entry[]): Promise<EntryActors> {
  const [userIds, customerIds, deviceIds, staffIds] = (["actor_user_id", "actor_customer_id", "actor_device_id", "actor_staff_id"] as const).map((k) => ids(entries, k))
  const knex = scope.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const fields = ["id", "email", "first_name", "last_name"]
  const [users, customers, devices, staff] = await Promise.all([
    userIds.length ? scope.resolve(Modules.USER).listUsers({ id: userIds }, { select: fields }) : [],
    customerIds.length ? scope.resolve(Modules.CUSTOMER).listCustomers({ id: customerIds }, { select: fields }) : [],
    deviceIds.length ? knex("loyalty_terminal_device").whereIn("id", deviceIds).select("id", "name") : [],
    staffIds.length ? knex("loyalty_terminal_staff").whereIn("id", staffIds).select("id", "name") : [],
  ])
  return { users: byId(users as Person[]), customers: byId(customers as Person[]), devices: byId(devices), staff: byId(staff) }
}
