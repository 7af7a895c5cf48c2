/**
 * Boots only the loyalty module (src/modules/loyalty, TypeScript through ts-node + swc)
 * against a fresh database: creates the database, runs the module's migrations, starts the
 * module with Medusa's module loader (initModules), and tears everything down again.
 */
const path = require("node:path")

const ROOT = path.resolve(__dirname, "..", "..")
const MODULE_DIR = path.join(ROOT, "src", "modules", "loyalty")
const MIGRATIONS_DIR = path.join(MODULE_DIR, "migrations")

let tsRegistered = false
/** Lets Medusa's loader `require()` the module's TypeScript sources. */
function registerTypeScript() {
  if (tsRegistered) return
  require("ts-node").register({
    project: path.join(ROOT, "tsconfig.json"),
    transpileOnly: true,
    swc: true,
  })
  tsRegistered = true
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "[::1]", "localhost"])

/**
 * `baseUrl` pointing at database `name` (same server, credentials and query string).
 * A loopback host is spelled "localhost", as Medusa's test utilities expect.
 */
function databaseUrl(baseUrl, name) {
  const u = new URL(baseUrl)
  if (LOOPBACK.has(u.hostname)) u.hostname = "localhost"
  u.pathname = `/${name}`
  return u.toString()
}

/** Runs one statement on the database of `baseUrl` (the server's maintenance connection). */
async function adminQuery(baseUrl, sql) {
  const { Client } = require("pg")
  const client = new Client({ connectionString: baseUrl })
  await client.connect()
  try {
    return await client.query(sql)
  } finally {
    await client.end()
  }
}

async function createDatabase(baseUrl, name) {
  await adminQuery(baseUrl, `create database "${name}"`)
}

async function dropDatabase(baseUrl, name) {
  // WITH (FORCE) (PostgreSQL 13+) ends connections a crashed run may have left behind.
  await adminQuery(baseUrl, `drop database if exists "${name}" with (force)`)
}

/** Applies src/modules/loyalty/migrations to the database (MikroORM migrator, as `db:migrate` does). */
async function migrate(clientUrl) {
  registerTypeScript()
  const { MikroORM, defineConfig } = require("@medusajs/framework/mikro-orm/postgresql")
  const { CustomDBMigrator } = require("@medusajs/framework/utils")
  const orm = await MikroORM.init(
    defineConfig({
      clientUrl,
      entities: [],
      discovery: { warnWhenNoEntities: false },
      debug: false,
      migrations: { path: MIGRATIONS_DIR, pathTs: MIGRATIONS_DIR, silent: true, snapshot: false },
      extensions: [CustomDBMigrator],
    })
  )
  try {
    const applied = await orm.getMigrator().up()
    return applied.map((m) => m.name)
  } finally {
    await orm.close(true)
  }
}

/**
 * Starts the loyalty module on `clientUrl`.
 * @param {{ clientUrl: string, poolMax: number }} opts
 * @returns {Promise<{ service: any, knex: any, shutdown: () => Promise<void> }>}
 */
async function bootLoyaltyModule({ clientUrl, poolMax }) {
  registerTypeScript()
  const { initModules, MockEventBusService } = require("@medusajs/test-utils")
  const { ContainerRegistrationKeys, Modules, createPgConnection, isSharedConnectionSymbol } =
    require("@medusajs/framework/utils")

  // The bench owns the pool so that N requests in flight really are N transactions at the
  // database (knex's default pool would otherwise queue them in Node).
  const knex = createPgConnection({ clientUrl, schema: "public", pool: { min: 2, max: poolMax } })
  const database = { clientUrl, schema: "public" }
  const modulesConfig = {
    loyalty: {
      resolve: MODULE_DIR,
      options: { database, [isSharedConnectionSymbol]: true },
    },
  }
  const silent = { info() {}, warn() {}, debug() {}, log() {}, error: console.error, activity() {}, progress() {}, success() {}, failure() {}, panic: console.error, shouldLog: () => false, setLogLevel() {}, unsetLogLevel() {} }
  const { medusaApp, shutdown } = await initModules({
    databaseConfig: database,
    modulesConfig,
    preventConnectionDestroyWarning: true,
    injectedDependencies: {
      [ContainerRegistrationKeys.PG_CONNECTION]: knex,
      [Modules.EVENT_BUS]: new MockEventBusService(),
      [ContainerRegistrationKeys.LOGGER]: silent,
      [ContainerRegistrationKeys.CONFIG_MODULE]: { modules: modulesConfig },
    },
  })
  const service = medusaApp.modules.loyalty
  if (!service || typeof service.creditPoints !== "function") {
    throw new Error("the loyalty module did not load (no creditPoints on medusaApp.modules.loyalty)")
  }
  return {
    service,
    knex,
    shutdown: async () => {
      await shutdown()
      await medusaApp.onApplicationPrepareShutdown?.()
      await medusaApp.onApplicationShutdown?.()
      await knex.context?.destroy?.()
      await knex.destroy()
    },
  }
}

module.exports = { ROOT, databaseUrl, adminQuery, createDatabase, dropDatabase, migrate, bootLoyaltyModule }
