#!/usr/bin/env node
/**
 * The RewardFlow demo store: `npm run demo` at the repository root.
 *
 *  1. builds the plugin (`medusa plugin:build`) and links it into demo/node_modules;
 *  2. starts PostgreSQL: an embedded one kept in demo/.data/pg on port 54329 (DEMO_PG_PORT),
 *     unless DATABASE_URL is set; creates the database if missing;
 *  3. `medusa db:migrate`, then seeds with `medusa exec ./src/scripts/seed.ts` (store, admin,
 *     shopper with two orders, loyalty program); everything is reused on the next run;
 *  4. serves the store API and the admin with `medusa develop` on http://localhost:9000.
 *
 * Flags: --no-serve     set up and seed, then stop (for tests and CI).
 *        --check-fonts  set up, start the server, check that the dashboard's fonts answer 200
 *                       (vite's file-serving allow-list, demo/medusa-config.ts), then stop.
 * As a library: `startDemo()` (scripts/screenshots.js) and `checkDashboardFonts()`.
 */
const { spawn } = require("node:child_process")
const crypto = require("node:crypto")
const fs = require("node:fs")
const path = require("node:path")

const ROOT = path.resolve(__dirname, "..")
const DEMO = __dirname
const DATA = path.join(DEMO, ".data")
const MEDUSA = path.join(ROOT, "node_modules", ".bin", "medusa")
const PORT = Number(process.env.PORT || 9000)
const PG_PORT = Number(process.env.DEMO_PG_PORT || 54329)
const DB_NAME = "rewardflow_demo"
const serve = !process.argv.includes("--no-serve")

const say = (msg) => console.log(`\x1b[36m[demo]\x1b[0m ${msg}`)
let stopPostgres = async () => {}

function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: "inherit", ...opts })
    child.on("error", reject)
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(cmd)} ${args.join(" ")} failed (${code ?? signal})`))
    )
  })
}

/** A secret kept in demo/.data so that every run prints (and sets) the same one. */
function secret(name, bytes = 12, encoding = "base64url") {
  const file = path.join(DATA, name)
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim()
  const value = crypto.randomBytes(bytes).toString(encoding)
  fs.writeFileSync(file, value + "\n", { mode: 0o600 })
  return value
}

function linkPlugin() {
  const nodeModules = path.join(DEMO, "node_modules")
  const link = path.join(nodeModules, "medusa-plugin-rewardflow")
  fs.mkdirSync(nodeModules, { recursive: true })
  try {
    if (fs.realpathSync(link) === ROOT) return
    fs.rmSync(link, { recursive: true, force: true })
  } catch {}
  fs.symlinkSync(path.relative(nodeModules, ROOT), link, "dir")
}

async function database() {
  let serverUrl, dbUrl
  if (process.env.DATABASE_URL) {
    const u = new URL(process.env.DATABASE_URL)
    const name = u.pathname.replace(/^\//, "") || DB_NAME
    u.pathname = `/${name}`
    dbUrl = u.toString()
    u.pathname = "/postgres"
    serverUrl = u.toString()
    say(`using DATABASE_URL (${u.host}), database ${name}`)
  } else {
    const { startPostgres } = require(path.join(ROOT, "scripts", "with-postgres.js"))
    // As root in a folder the postgres user cannot enter, the data goes elsewhere (printed).
    const pg = await startPostgres({ dataDir: path.join(DATA, "pg"), persistent: true, port: PG_PORT, say })
    stopPostgres = async () => {
      stopPostgres = async () => {}
      say("stopping embedded PostgreSQL")
      await pg.stop().catch((e) => console.error("[demo] could not stop PostgreSQL:", e))
    }
    serverUrl = `${pg.url}/postgres`
    dbUrl = `${pg.url}/${DB_NAME}`
    const where = path.relative(ROOT, pg.dataDir)
    say(`embedded PostgreSQL on localhost:${PG_PORT} (data in ${where.startsWith("..") ? pg.dataDir : where})`)
  }
  const { Client } = require(require.resolve("pg", { paths: [ROOT] }))
  const client = new Client({ connectionString: serverUrl })
  await client.connect()
  try {
    const name = new URL(dbUrl).pathname.slice(1)
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])
    if (!rowCount) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`)
      say(`database ${name} created`)
    }
  } finally {
    await client.end()
  }
  return dbUrl
}

async function waitForHealth(timeoutMs = 180_000) {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    try {
      const res = await fetch(`http://localhost:${PORT}/health`)
      if (res.ok) return
    } catch {}
    await new Promise((r) => setTimeout(r, 1000))
  }
  throw new Error(`http://localhost:${PORT}/health did not answer within ${timeoutMs / 1000} s`)
}

function summary(result, passwords) {
  const f = result.fixture
  const money = (n) => `${n.toFixed(2)} ${f.currency_code.toUpperCase()}`
  const orders = [...result.orders.existing, ...result.orders.placed]
  const points = result.shopper.points !== undefined ? `  (${result.shopper.points ?? 0} points)` : ""
  const program = result.loyalty_program
  console.log(`
RewardFlow demo store
  Admin:      http://localhost:${PORT}/app   login ${result.admin.email} / ${passwords.admin}
  Store API:  http://localhost:${PORT}/store   header x-publishable-api-key: ${f.publishable_key}
  Shopper:    ${result.shopper.email} / ${passwords.shopper}${points}
  Orders:     ${orders.join(", ")} (${result.orders.placed.length ? `${result.orders.placed.length} placed now` : "reused"})
  Loyalty:    ${program ? `${program.name} (${program.id})` : "no program (see the seed log above)"}
  Products:   ${f.variants.map((v) => `${v.product_title} ${money(v.price)}`).join(", ")}
  Shipping:   ${money(f.shipping_price)} to ${f.countries.join(", ").toUpperCase()}
  Passwords are kept in demo/.data; delete demo/.data to start over.
`)
}

/**
 * Sets the demo up (plugin build, database, migrations, seed) and, unless `serve` is false, starts
 * `medusa develop` and waits for it. Used by `npm run demo` and by scripts/screenshots.js, so both
 * run the same store. Returns the admin's login and `stop()` (server, then database).
 */
async function startDemo({ serve = true } = {}) {
  fs.mkdirSync(DATA, { recursive: true })
  say("building the plugin (medusa plugin:build)")
  await run(MEDUSA, ["plugin:build"], { cwd: ROOT })
  linkPlugin()

  const databaseUrl = await database()
  const passwords = { admin: secret("admin-password"), shopper: secret("shopper-password") }
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: String(PORT),
    MEDUSA_DISABLE_TELEMETRY: "true",
    JWT_SECRET: process.env.JWT_SECRET || secret("jwt-secret"),
    COOKIE_SECRET: process.env.COOKIE_SECRET || secret("cookie-secret"),
    // Seals SMTP passwords and the Wallet key saved in the admin (AES-256-GCM, 32 bytes).
    REWARDFLOW_ENCRYPTION_KEY: process.env.REWARDFLOW_ENCRYPTION_KEY || secret("encryption-key", 32, "hex"),
  }
  fs.writeFileSync(
    path.join(DEMO, ".env"),
    ["DATABASE_URL", "JWT_SECRET", "COOKIE_SECRET", "REWARDFLOW_ENCRYPTION_KEY"].map((k) => `${k}=${env[k]}`).join("\n") + "\n"
  )

  say("migrating (medusa db:migrate)")
  await run(MEDUSA, ["db:migrate"], { cwd: DEMO, env })
  say("seeding (medusa exec ./src/scripts/seed.ts)")
  const resultFile = path.join(DATA, "seed-result.json")
  fs.rmSync(resultFile, { force: true })
  await run(MEDUSA, ["exec", "./src/scripts/seed.ts"], {
    cwd: DEMO,
    env: { ...env, DEMO_ADMIN_PASSWORD: passwords.admin, DEMO_SHOPPER_PASSWORD: passwords.shopper, DEMO_SEED_RESULT: resultFile },
  })
  const result = JSON.parse(fs.readFileSync(resultFile, "utf8"))
  const demo = { url: `http://localhost:${PORT}`, admin: { email: result.admin.email, password: passwords.admin }, result, passwords, stop: shutdown }
  if (!serve) return demo

  say(`starting medusa develop on http://localhost:${PORT}`)
  server = spawn(MEDUSA, ["develop"], { cwd: DEMO, env, stdio: "inherit", detached: true })
  server.on("exit", (code) => {
    if (!stopping) fail(`medusa develop exited (${code})`)
  })
  await waitForHealth()
  return demo
}

/**
 * The dashboard's own fonts (Inter, Roboto Mono) as `medusa develop` serves them: vite serves files
 * outside the app through /app/@fs/<absolute path> when its allow-list covers them (the dashboard's
 * stylesheet points there). Each must answer 200; a 403 means demo/medusa-config.ts `admin.vite`
 * lost the repository's node_modules. Returns the URLs it checked.
 */
async function checkDashboardFonts() {
  const dashboard = path.dirname(require.resolve("@medusajs/dashboard/package.json", { paths: [DEMO, ROOT] }))
  const fonts = fs.readdirSync(path.join(dashboard, "dist")).filter((f) => /\.(ttf|woff2?)$/.test(f))
  if (!fonts.length) throw new Error(`no font files in ${dashboard}/dist: the dashboard changed, update checkDashboardFonts`)
  const urls = fonts.map((f) => `http://localhost:${PORT}/app/@fs${fs.realpathSync(path.join(dashboard, "dist", f))}`)
  for (const url of urls) {
    const res = await fetch(url)
    if (res.status !== 200) throw new Error(`${url} answered ${res.status} (expected 200): vite's server.fs.allow does not cover it`)
  }
  return urls
}

let server
let stopping = false
/** Stops the server (and the process group it forked), then the database. */
async function shutdown() {
  if (stopping) return
  stopping = true
  if (server && server.exitCode === null) {
    try {
      process.kill(-server.pid, "SIGTERM") // medusa develop and the server it forks
    } catch {}
    await new Promise((r) => setTimeout(r, 1500))
  }
  await stopPostgres()
}

async function fail(message) {
  console.error(`[demo] ${message}`)
  await shutdown()
  process.exit(1)
}

/** `npm run demo` [--no-serve] [--check-fonts]. */
async function main() {
  const checkFonts = process.argv.includes("--check-fonts")
  const demo = await startDemo({ serve: serve || checkFonts })
  if (!serve && !checkFonts) {
    summary(demo.result, demo.passwords)
    await shutdown()
    return
  }
  if (checkFonts) {
    const urls = await checkDashboardFonts()
    say(`the dashboard's ${urls.length} fonts answer 200 under medusa develop`)
    await shutdown()
    return
  }
  process.on("SIGINT", () => shutdown().then(() => process.exit(0)))
  process.on("SIGTERM", () => shutdown().then(() => process.exit(0)))
  summary(demo.result, demo.passwords)
  say("ready. Press Ctrl+C to stop the server and the database.")
}

module.exports = { startDemo, checkDashboardFonts }

if (require.main === module) main().catch((e) => fail(e?.message ?? String(e)))
