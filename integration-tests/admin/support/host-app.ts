/**
 * A real Medusa server with the admin dashboard and RewardFlow's admin extension, for the
 * browser tests.
 *
 * It is a throw-away copy of the demo host app (demo/medusa-config.ts, package.json, tsconfig)
 * in node_modules/.cache/rewardflow-admin-e2e/<id>, with its own
 * node_modules/medusa-plugin-rewardflow -> repository root, so that nothing of the developer's
 * demo (demo/.env, demo/.data, demo/.medusa) is read or written:
 *
 *  1. `medusa plugin:build` at the root, unless .medusa/server is newer than every file in src/;
 *  2. a fresh database (unique name) on the PostgreSQL given by DB_HOST/DB_PORT/DB_USERNAME/
 *     DB_PASSWORD (what scripts/with-postgres.js exports) or DATABASE_URL;
 *  3. in parallel: `medusa build` (the admin bundle, served statically: no vite dev server,
 *     no file watcher) and `medusa db:migrate` followed by the demo seed (demo/src, copied);
 *  4. `medusa start` in .medusa/server on a free port (never 9000), waiting for /health and /app.
 *
 * `stop()` ends every process group it started, drops the database and removes the folder.
 */
import { spawn, type ChildProcess } from "node:child_process"
import crypto from "node:crypto"
import fs from "node:fs"
import path from "node:path"

const ROOT = path.resolve(__dirname, "..", "..", "..")
const DEMO = path.join(ROOT, "demo")
const MEDUSA = path.join(ROOT, "node_modules", ".bin", "medusa")
const WORK = path.join(ROOT, "node_modules", ".cache", "rewardflow-admin-e2e")

// scripts/with-postgres.js is plain CommonJS shared with the demo.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { freePort } = require(path.join(ROOT, "scripts", "with-postgres.js")) as {
  freePort: () => Promise<number>
}

export const ADMIN_EMAIL = "admin@rewardflow.test"
export const SHOPPER_EMAIL = "shopper@rewardflow.test"

export type SeedResult = {
  admin: { email: string; user_id: string }
  shopper: { email: string; customer_id: string; points?: number }
  /** The store the seed built (demo/src/seed/store.ts StoreFixture), for store API calls. */
  fixture: { region_id: string; sales_channel_id: string; publishable_key: string; variants: { id: string; title: string; price: number }[] }
  /** The shopper's orders: `placed` by this seed run. */
  orders: { existing: string[]; placed: string[] }
  loyalty_program: { id: string; name: string } | null
  [key: string]: unknown
}

export type HostApp = {
  baseUrl: string
  port: number
  dir: string
  database: string
  adminEmail: string
  adminPassword: string
  /** The seeded shopper's login (emailpass), for store API calls as that customer. */
  shopperEmail: string
  shopperPassword: string
  seed: SeedResult
  /** The last lines of every command's output, for failure messages. */
  logTail: (lines?: number) => string
  stop: () => Promise<void>
}

type Log = (message: string) => void

/** Every process group started here, so that an interrupted run can still end them. */
const groups = new Set<ChildProcess>()
function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
  try {
    process.kill(-child.pid, signal)
  } catch {}
}
process.once("exit", () => groups.forEach((child) => killGroup(child, "SIGKILL")))

/** The admin connection to the PostgreSQL server (its `postgres` database) and a URL builder. */
function postgresServer() {
  let host = process.env.DB_HOST
  let port = process.env.DB_PORT || "5432"
  let user = process.env.DB_USERNAME || "postgres"
  let password = process.env.DB_PASSWORD || ""
  if (!host && process.env.DATABASE_URL) {
    const u = new URL(process.env.DATABASE_URL)
    host = u.hostname
    port = u.port || "5432"
    user = decodeURIComponent(u.username || "postgres")
    password = decodeURIComponent(u.password || "")
  }
  if (!host) {
    throw new Error(
      "No PostgreSQL for the admin browser tests: run them through `npm test` " +
        "(scripts/with-postgres.js sets DB_HOST/DB_PORT/DB_USERNAME/DB_PASSWORD) or set DATABASE_URL"
    )
  }
  const auth = `${encodeURIComponent(user)}${password ? `:${encodeURIComponent(password)}` : ""}`
  return { url: (db: string) => `postgres://${auth}@${host}:${port}/${db}`, host, port }
}

async function withClient<T>(url: string, fn: (client: any) => Promise<T>): Promise<T> {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { Client } = require(require.resolve("pg", { paths: [ROOT] }))
  const client = new Client({ connectionString: url })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end().catch(() => {})
  }
}

/** Newest modification time of any file under `dir` (0 when it does not exist). */
function newestMtime(dir: string): number {
  let newest = 0
  if (!fs.existsSync(dir)) return 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full))
    else newest = Math.max(newest, fs.statSync(full).mtimeMs)
  }
  return newest
}

async function waitFor(url: string, timeoutMs: number, server: ChildProcess, ok = (s: number) => s === 200) {
  const until = Date.now() + timeoutMs
  let last = "no answer"
  while (Date.now() < until) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`medusa start exited (${server.exitCode ?? server.signalCode}) before ${url} answered`)
    }
    try {
      const res = await fetch(url, { redirect: "manual" })
      if (ok(res.status)) return
      last = `HTTP ${res.status}`
    } catch (e: any) {
      last = e?.cause?.code ?? e?.message ?? String(e)
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s (last: ${last})`)
}

const DB_PREFIX = "rewardflow_admin_e2e_"
const STALE_MS = 6 * 3600_000

/** Folders and databases left by runs that were killed (older than 6 hours: not a parallel run). */
async function removeStale(pg: ReturnType<typeof postgresServer>, log: Log) {
  const now = Date.now()
  if (fs.existsSync(WORK)) {
    for (const name of fs.readdirSync(WORK)) {
      const full = path.join(WORK, name)
      if (now - fs.statSync(full).mtimeMs > STALE_MS) fs.rmSync(full, { recursive: true, force: true })
    }
  }
  await withClient(pg.url("postgres"), async (c) => {
    const { rows } = await c.query("SELECT datname FROM pg_database WHERE datname LIKE $1", [`${DB_PREFIX}%`])
    for (const { datname } of rows as { datname: string }[]) {
      const startedAt = parseInt(datname.slice(DB_PREFIX.length, -6), 36)
      if (Number.isFinite(startedAt) && now - startedAt > STALE_MS) {
        log(`dropping stale database ${datname}`)
        await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`)
      }
    }
  })
}

/**
 * `env`: extra environment for every command of the host app (for example
 * REWARDFLOW_ENCRYPTION_KEY, which the demo does not set).
 */
export async function startHostApp(opts: { log?: Log; env?: NodeJS.ProcessEnv } = {}): Promise<HostApp> {
  const t0 = Date.now()
  const log: Log =
    opts.log ?? ((m) => process.stdout.write(`[admin e2e] ${((Date.now() - t0) / 1000).toFixed(1)}s ${m}\n`))
  const id = `${Date.now().toString(36)}${crypto.randomBytes(3).toString("hex")}`
  const dir = path.join(WORK, id)
  const database = `${DB_PREFIX}${id}`
  const pg = postgresServer()
  const output: string[] = []
  let server: ChildProcess | undefined
  let databaseCreated = false

  const run = (name: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, keep = false) => {
    const child = spawn(MEDUSA, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] })
    groups.add(child)
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n")) if (line.trim()) output.push(`[${name}] ${line}`)
      if (output.length > 4000) output.splice(0, output.length - 2000)
    }
    child.stdout!.on("data", collect)
    child.stderr!.on("data", collect)
    const done = new Promise<void>((resolve, reject) => {
      child.on("error", reject)
      child.on("exit", (code, signal) => {
        if (!keep) groups.delete(child)
        code === 0
          ? resolve()
          : reject(new Error(`medusa ${args.join(" ")} failed (${code ?? signal})\n${tail(40, name)}`))
      })
    })
    return { child, done }
  }
  const tail = (lines = 60, only?: string) =>
    output
      .filter((l) => !only || l.startsWith(`[${only}]`))
      .slice(-lines)
      .join("\n")

  const stop = async () => {
    if (server) {
      killGroup(server, "SIGTERM")
      const exited = new Promise((r) => server!.once("exit", r))
      const stopped = await Promise.race([
        server.exitCode !== null || server.signalCode !== null ? Promise.resolve(true) : exited.then(() => true),
        new Promise((r) => setTimeout(() => r(false), 10_000)),
      ])
      if (!stopped) killGroup(server, "SIGKILL")
    }
    for (const child of groups) killGroup(child, "SIGKILL") // a build or migration cut short
    groups.clear()
    if (databaseCreated) {
      await withClient(pg.url("postgres"), (c) => c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)).catch(
        (e) => console.error(`[admin e2e] could not drop database ${database}: ${e?.message ?? e}`)
      )
    }
    fs.rmSync(dir, { recursive: true, force: true })
  }

  try {
    await removeStale(pg, log)

    // 1. The plugin build that the host app loads (.medusa/server, including the admin bundle).
    const built = path.join(ROOT, ".medusa", "server", "src", "admin", "index.mjs")
    const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0
    if (builtAt < Math.max(newestMtime(path.join(ROOT, "src")), fs.statSync(path.join(ROOT, "package.json")).mtimeMs)) {
      log("building the plugin (medusa plugin:build)")
      await run("plugin:build", ["plugin:build"], ROOT, { ...process.env, NODE_ENV: "production" }).done
    } else {
      log("plugin build is up to date")
    }

    // 2. The host app folder: the demo's config, the demo seed, the plugin linked in.
    fs.mkdirSync(path.join(dir, "node_modules"), { recursive: true })
    for (const file of ["medusa-config.ts", "package.json", "tsconfig.json"]) {
      fs.copyFileSync(path.join(DEMO, file), path.join(dir, file))
    }
    // Outside src/: `medusa build` neither compiles nor type-checks it; `medusa exec` runs it.
    fs.cpSync(path.join(DEMO, "src"), path.join(dir, "seed-src"), { recursive: true })
    fs.symlinkSync(path.relative(path.join(dir, "node_modules"), ROOT), path.join(dir, "node_modules", "medusa-plugin-rewardflow"), "dir")

    await withClient(pg.url("postgres"), (c) => c.query(`CREATE DATABASE "${database}"`))
    databaseCreated = true
    const port = await freePort()
    const baseUrl = `http://localhost:${port}`
    const adminPassword = crypto.randomBytes(12).toString("base64url")
    const shopperPassword = crypto.randomBytes(12).toString("base64url")
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "development",
      DATABASE_URL: pg.url(database),
      PORT: String(port),
      JWT_SECRET: crypto.randomBytes(16).toString("hex"),
      COOKIE_SECRET: crypto.randomBytes(16).toString("hex"),
      STORE_CORS: baseUrl,
      ADMIN_CORS: baseUrl,
      AUTH_CORS: baseUrl,
      MEDUSA_DISABLE_TELEMETRY: "true",
      LOG_LEVEL: process.env.REWARDFLOW_E2E_LOG_LEVEL || "info",
      ...opts.env,
    }
    delete env.REDIS_URL

    // 3. Admin bundle and database in parallel.
    log(`building the host app and migrating database ${database} on ${pg.host}:${pg.port}`)
    const resultFile = path.join(dir, "seed-result.json")
    const build = run("build", ["build"], dir, { ...env, NODE_ENV: "production" }).done
    const migrateAndSeed = (async () => {
      await run("db:migrate", ["db:migrate"], dir, env).done
      log("seeding (demo seed)")
      await run("seed", ["exec", "./seed-src/scripts/seed.ts"], dir, {
        ...env,
        DEMO_ADMIN_PASSWORD: adminPassword,
        DEMO_SHOPPER_PASSWORD: shopperPassword,
        DEMO_SEED_RESULT: resultFile,
      }).done
    })()
    const outcomes = await Promise.allSettled([build, migrateAndSeed])
    const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === "rejected")
    if (failed) throw failed.reason
    const seed = JSON.parse(fs.readFileSync(resultFile, "utf8")) as SeedResult

    // 4. The production server with the static admin.
    log(`starting medusa start on ${baseUrl}`)
    const started = run("start", ["start"], path.join(dir, ".medusa", "server"), { ...env, NODE_ENV: "production" }, true)
    server = started.child
    started.done.catch(() => {}) // its exit is reported by waitFor or by the tests
    await waitFor(`${baseUrl}/health`, 90_000, server)
    await waitFor(`${baseUrl}/app/login`, 30_000, server)
    log("server ready")

    return {
      baseUrl,
      port,
      dir,
      database,
      adminEmail: ADMIN_EMAIL,
      adminPassword,
      shopperEmail: SHOPPER_EMAIL,
      shopperPassword,
      seed,
      logTail: (lines = 60) => tail(lines),
      stop,
    }
  } catch (e: any) {
    const message = `${e?.message ?? e}\n--- last output ---\n${tail(60)}`
    await stop()
    throw new Error(message)
  }
}
