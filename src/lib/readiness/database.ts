import { readdirSync } from "node:fs"
import { join } from "node:path"
import { MedusaModule } from "@medusajs/framework/modules-sdk"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { ReadinessCheck, ReadinessLine } from "./types"

/** The plugin's modules (folder, container key): their migrations ship in src/modules/<folder>/migrations. */
export const PLUGIN_MODULES = [
  { folder: "loyalty", key: "loyalty" },
  { folder: "loyalty-messaging", key: "loyalty_messaging" },
  { folder: "loyalty-wallet", key: "loyalty_wallet" },
  { folder: "loyalty-terminal", key: "loyalty_terminal" },
] as const

const MIGRATION_FILE = /^(Migration\d+)\.(js|ts)$/

/**
 * The migrations the plugin ships, read once from its own folders: the same relative path holds
 * in src/ (tests, development) and in the built .medusa/server/src/ (an installed plugin).
 */
const MODULES_DIR = join(__dirname, "../../modules")
const shippedCache = new Map<string, { module: string; name: string }[]>()
export function shippedMigrations(modulesDir = MODULES_DIR): { module: string; name: string }[] {
  const cached = shippedCache.get(modulesDir)
  if (cached) return cached
  const found = PLUGIN_MODULES.flatMap(({ folder, key }) => {
    let files: string[] = []
    try {
      files = readdirSync(join(modulesDir, folder, "migrations"))
    } catch {
      files = []
    }
    return files.flatMap((f) => (MIGRATION_FILE.test(f) ? [{ module: key, name: f.match(MIGRATION_FILE)![1] }] : []))
  })
  found.sort((a, b) => a.name.localeCompare(b.name))
  shippedCache.set(modulesDir, found)
  return found
}

type LinkDescriptor = { fromModule: string; toModule: string; fromModel: string; toModel: string }

/** The plugin's links that have a table (read-only links have none), as Medusa's link planner describes them. */
export function pluginLinkDescriptors(): LinkDescriptor[] {
  const keys = new Set<string>(PLUGIN_MODULES.map((m) => m.key))
  return MedusaModule.getAllJoinerConfigs()
    .filter((c) => c.isLink && !c.isReadOnlyLink && (c.relationships?.length ?? 0) >= 2)
    .map((c) => {
      const [primary, foreign] = c.relationships!
      return { fromModule: primary.serviceName, toModule: foreign.serviceName, fromModel: primary.alias, toModel: foreign.alias } as LinkDescriptor
    })
    .filter((d) => keys.has(d.fromModule) || keys.has(d.toModule))
}

const describe = (d: LinkDescriptor) => `${d.fromModule}.${d.fromModel} <> ${d.toModule}.${d.toModel}`

/**
 * Every migration the plugin ships is recorded as run in Medusa's `mikro_orm_migrations`, and
 * every link with a table is recorded in `link_module_migrations` with its table present (what
 * `medusa db:migrate` / `db:sync-links` write). Two reads.
 */
export const checkDatabase: ReadinessCheck = async ({ container, now }): Promise<ReadinessLine> => {
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const checked_at = now.toISOString()
  const migrations = shippedMigrations()
  const links = pluginLinkDescriptors()
  const [applied, linkRows] = await Promise.all([
    pg.raw(`select name from mikro_orm_migrations where name = any(?)`, [migrations.map((m) => m.name)]),
    pg.raw(`select table_name, link_descriptor, to_regclass(quote_ident(table_name)) is not null as present from link_module_migrations`),
  ])
  const appliedNames = new Set((applied.rows as { name: string }[]).map((r) => r.name.replace(/\.(js|ts)$/, "")))
  const pending = migrations.filter((m) => !appliedNames.has(m.name))
  const rows = linkRows.rows as { table_name: string; link_descriptor: LinkDescriptor; present: boolean }[]
  const unsynced: string[] = []
  const synced: string[] = []
  for (const d of links) {
    const row = rows.find((r) => describe(r.link_descriptor) === describe(d))
    if (!row) unsynced.push(`${describe(d)} (no link table recorded)`)
    else if (!row.present) unsynced.push(`${describe(d)} (table ${row.table_name} is missing)`)
    else synced.push(`${describe(d)} (${row.table_name})`)
  }
  const problems = [
    ...(pending.length ? [`${pending.length} migration(s) not applied: ${pending.map((m) => `${m.module} ${m.name}`).join(", ")}`] : []),
    ...(unsynced.length ? [`link(s) not synced: ${unsynced.join(", ")}`] : []),
  ]
  return {
    id: "database",
    status: problems.length ? "not_ready" : "ready",
    summary: problems.length
      ? `Run \`npx medusa db:migrate\`: ${problems.join("; ")}`
      : `All ${migrations.length} plugin migrations are applied and its ${links.length} module link table(s) are synced`,
    evidence: [
      { label: "Plugin migrations shipped", value: migrations.length, checked_at },
      { label: "Plugin migrations applied", value: migrations.length - pending.length, checked_at, source: "mikro_orm_migrations" },
      { label: "Migrations not applied", value: pending.length ? pending.map((m) => `${m.module} ${m.name}`).join(", ") : "none", checked_at },
      { label: "Module links synced", value: synced.length ? synced.join(", ") : "none", checked_at, source: "link_module_migrations" },
      { label: "Module links not synced", value: unsynced.length ? unsynced.join(", ") : "none", checked_at },
    ],
    fix_path: "/loyalty/go-live",
  }
}
