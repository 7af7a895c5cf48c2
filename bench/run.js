#!/usr/bin/env node
/**
 * Ledger bench: boots only the loyalty module (src/modules/loyalty) against a fresh database
 * and measures the ledger's throughput and latency. See bench/README.md.
 *
 *   npm run bench                          # embedded PostgreSQL, started and stopped here
 *   DATABASE_URL=postgres://... npm run bench   # that server (a fresh database is created and dropped)
 *   npm run bench -- --scale=0.2 --no-record    # quick smoke run, nothing written
 *
 * Exits 0 when every invariant check passed, 1 when one failed (the run stops there and
 * nothing is recorded), 2 on a usage or setup error.
 */
process.env.LOG_LEVEL = process.env.LOG_LEVEL || "error"
// Output piped into `head` must not kill the run before it has cleaned up.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e) => {
    if (e.code !== "EPIPE") throw e
  })
}

const { execFileSync } = require("node:child_process")
const os = require("node:os")
const { performance } = require("node:perf_hooks")
const { startPostgres } = require("../scripts/with-postgres")
const boot = require("./lib/boot")
const { runConcurrent, timeOnce, queryProfiler, round } = require("./lib/measure")
const { seedLedger } = require("./lib/seed")
const { printReport, record } = require("./lib/report")

// ---------------------------------------------------------------------------------------
// Arguments

const argv = process.argv.slice(2)
const flag = (name) => argv.includes(`--${name}`)
const option = (name) => argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1]
for (const a of argv) {
  if (!/^--(scale=[\d.]+|no-record|help)$/.test(a)) {
    console.error(`unknown argument ${a}\nusage: node bench/run.js [--scale=<factor>] [--no-record]`)
    process.exit(2)
  }
}
if (flag("help")) {
  console.log("usage: node bench/run.js [--scale=<factor>] [--no-record]   (see bench/README.md)")
  process.exit(0)
}
const SCALE = Number(option("scale") ?? 1)
if (!(SCALE > 0)) {
  console.error("--scale must be a positive number")
  process.exit(2)
}
const RECORD = !flag("no-record")
/** An operation count, scaled (never below 10). */
const n = (count) => Math.max(10, Math.round(count * SCALE))

// ---------------------------------------------------------------------------------------
// Checks: a failed invariant stops the run.

class InvariantError extends Error {}
const checks = []
function check(name, ok, detail) {
  checks.push({ name, ok: !!ok, detail })
  console.log(`  ${ok ? "ok  " : "FAIL"} ${name}: ${detail}`)
  if (!ok) throw new InvariantError(`invariant check failed: ${name}: ${detail}`)
}

// ---------------------------------------------------------------------------------------
// Helpers on the module and the database

/** A small deterministic PRNG (mulberry32), so every run picks the same accounts. */
function prng(seed) {
  return () => {
    seed |= 0
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function makeLedger(service) {
  return {
    credit: (account_id, points, key) =>
      service.creditPoints({
        account_id,
        type: "earn",
        points,
        source_type: "order",
        source_id: key,
        idempotency_key: key,
      }),
    debit: (account_id, points, key) =>
      service.debitPoints({
        account_id,
        type: "redeem",
        points,
        source_type: "redemption",
        source_id: key,
        idempotency_key: key,
      }),
  }
}

/** Cached balance vs SUM(entries) vs SUM(lot remaining), per account (all accounts when ids is null). */
async function consistency(knex, ids = null) {
  const { rows } = await knex.raw(
    `select a.id, a.balance as cached,
            coalesce((select sum(points) from loyalty_ledger_entry e where e.account_id = a.id), 0)::int as ledger,
            coalesce((select sum(remaining) from loyalty_point_lot l
                       where l.account_id = a.id and l.deleted_at is null), 0)::int as lots,
            (select count(*) from loyalty_ledger_entry e where e.account_id = a.id)::int as entries
       from loyalty_account a
      where a.deleted_at is null ${ids ? "and a.id = any(?)" : ""}`,
    ids ? [ids] : []
  )
  const bad = rows.filter((r) => r.cached !== r.ledger || r.lots !== r.ledger)
  return { rows, bad }
}

function checkConsistent(label, { rows, bad }, expectedAccounts) {
  check(
    `${label}: cached balance == ledger sum == lot sum`,
    bad.length === 0 && rows.length === expectedAccounts,
    bad.length
      ? `${bad.length} of ${rows.length} accounts differ, e.g. ${JSON.stringify(bad[0])}`
      : `${rows.length} account(s) agree` +
          (rows.length === 1 ? ` (balance ${rows[0].cached}, ${rows[0].entries} entries)` : "")
  )
}

// ---------------------------------------------------------------------------------------
// Scenarios

async function scenarios({ service, knex, profiler, programId }) {
  const ledger = makeLedger(service)
  const results = []
  const profiles = {}
  const rebuild = []
  let customer = 0
  const newAccount = async () =>
    (await service.enroll({ program_id: programId, customer_id: `cus_bench_${customer++}` })).account_id

  /** Warm-up (not timed), then the timed run with the statement profile. */
  const measure = async (meta, { warmup, total, inFlight, op }) => {
    process.stdout.write(`- ${meta.name}, ${inFlight} in flight: ${total} ops ... `)
    if (warmup) {
      const w = await runConcurrent(warmup, inFlight, (i) => op(i, true))
      if (w.errors) throw w.firstError
    }
    profiler.start()
    const r = await runConcurrent(total, inFlight, (i) => op(i, false))
    const profile = profiler.stop(r.ops || 1)
    const { firstError, ...stats } = r
    const row = { ...meta, in_flight: inFlight, ...stats, lock_wait_mean_ms: profile.lock_mean_ms, profile }
    results.push(row)
    console.log(`${stats.ops_per_s} ops/s, p50 ${stats.p50_ms} ms, p95 ${stats.p95_ms} ms`)
    check(`${meta.name} (${inFlight} in flight): no failed calls`, stats.errors === 0,
      stats.errors ? `${stats.errors} failed, first: ${firstError?.message}` : `${stats.ops} calls succeeded`)
    return row
  }

  // (a) Sequential credits on one account.
  {
    const acc = await newAccount()
    const row = await measure(
      { id: "credit.sequential", name: "credit, one account" },
      { warmup: n(100), total: n(1000), inFlight: 1, op: (i, w) => ledger.credit(acc, 10, `a:${w ? "w" : "m"}:${i}`) }
    )
    profiles["credit, one account, 1 in flight"] = row.profile
    checkConsistent("sequential credits", await consistency(knex, [acc]), 1)
  }

  // (b) Credits and debits at once on ONE account: everything queues on its row lock.
  for (const inFlight of [1, 8, 32]) {
    const acc = await newAccount()
    await ledger.credit(acc, 1_000_000, `b${inFlight}:fund`)
    const op = (i, w) => {
      const key = `b${inFlight}:${w ? "w" : "m"}:${i}`
      return i % 2 === 0 ? ledger.credit(acc, 10, key) : ledger.debit(acc, 7, key)
    }
    const warmup = n(100)
    const total = n(1000)
    const row = await measure({ id: `mix.one_account`, name: "credit+debit, one account" }, { warmup, total, inFlight, op })
    if (inFlight === 32) profiles["credit+debit on one account, 32 in flight"] = row.profile
    const c = await consistency(knex, [acc])
    checkConsistent(`one account, ${inFlight} in flight`, c, 1)
    const credits = Math.ceil(warmup / 2) + Math.ceil(total / 2)
    const debits = Math.floor(warmup / 2) + Math.floor(total / 2)
    const expected = 1_000_000 + credits * 10 - debits * 7
    check(`one account, ${inFlight} in flight: every call counted once`,
      c.rows[0]?.cached === expected && c.rows[0]?.entries === 1 + warmup + total,
      `balance ${c.rows[0]?.cached} (expected ${expected}), ${c.rows[0]?.entries} entries (expected ${1 + warmup + total})`)
  }

  // (b') Overdraft race: 32 debits of 10 at once against a balance of 100.
  {
    const acc = await newAccount()
    await ledger.credit(acc, 100, "race:fund")
    const settled = await Promise.allSettled(
      Array.from({ length: 32 }, (_, i) => ledger.debit(acc, 10, `race:${i}`))
    )
    const won = settled.filter((s) => s.status === "fulfilled").length
    const c = await consistency(knex, [acc])
    check("overdraft race: 32 debits of 10 on a balance of 100", won === 10 && c.rows[0]?.cached === 0 && c.bad.length === 0,
      `${won} succeeded, balance ${c.rows[0]?.cached}, ${c.bad.length ? "INCONSISTENT" : "consistent"}`)
  }

  // (c) Credits spread over 200 accounts: little lock contention.
  {
    const accounts = []
    for (let i = 0; i < 200; i++) accounts.push(await newAccount())
    for (const inFlight of [8, 32]) {
      const pick = prng(inFlight)
      const row = await measure(
        { id: "credit.spread_200", name: "credit, 200 accounts" },
        {
          warmup: n(200),
          total: n(2000),
          inFlight,
          op: (i, w) => ledger.credit(accounts[Math.floor(pick() * accounts.length)], 10, `c${inFlight}:${w ? "w" : "m"}:${i}`),
        }
      )
      if (inFlight === 32) profiles["credit over 200 accounts, 32 in flight"] = row.profile
    }
    checkConsistent("200 accounts", await consistency(knex, accounts), 200)
  }

  // (d) Idempotent replays: the same key again.
  const replays = async (label, inFlights, total) => {
    const acc = await newAccount()
    const key = `replay:${label}`
    const first = await ledger.credit(acc, 25, key)
    const [{ count: entries }] = (await knex.raw("select count(*)::int as count from loyalty_ledger_entry")).rows
    for (const inFlight of inFlights) {
      const row = await measure(
        { id: `credit.replay${label === "small" ? "" : "." + label}`, name: `credit replay, ${Math.round(entries / 1000)}k entries in ledger` },
        {
          warmup: n(50),
          total: n(total),
          inFlight,
          op: async () => {
            const r = await ledger.credit(acc, 25, key)
            if (r.created || r.entry.id !== first.entry.id) throw new Error("a replay wrote a new entry")
          },
        }
      )
      row.ledger_entries = entries
      if (inFlight === 1) profiles[`credit replay (same key), ledger of ${entries} entries, 1 in flight`] = row.profile
    }
    const c = await consistency(knex, [acc])
    check(`replays (ledger of ${entries}): one entry, balance unchanged`, c.rows[0]?.entries === 1 && c.rows[0]?.cached === 25 && !c.bad.length,
      `${c.rows[0]?.entries} entry, balance ${c.rows[0]?.cached}`)
  }
  await replays("small", [1, 8], 500)

  // (g) Debit cost against the number of open lots (debits read every open lot of the account).
  for (const lots of [10, 100, 1000, 5000]) {
    const warmup = n(10)
    const total = n(100)
    // Enough points for every 1-point debit; each debit takes from the oldest lot only.
    const perLot = Math.max(10, Math.ceil((2 * (warmup + total)) / lots))
    const [acc] = await seedLedger(knex, { programId, accounts: 1, entriesPerAccount: lots, pointsPerEntry: perLot, tag: `lots${lots}` })
    const row = await measure(
      { id: `debit.open_lots_${lots}`, name: `debit, ${lots} open lots` },
      { warmup, total, inFlight: 1, op: (i, w) => ledger.debit(acc, 1, `g${lots}:${w ? "w" : "m"}:${i}`) }
    )
    if (lots === 5000) profiles["debit with 5,000 open lots, 1 in flight"] = row.profile
    const c = await consistency(knex, [acc])
    checkConsistent(`debits on ${lots} lots`, c, 1)
    check(`debits on ${lots} lots: balance`, c.rows[0]?.cached === lots * perLot - warmup - total,
      `${c.rows[0]?.cached} (expected ${lots * perLot - warmup - total})`)
  }

  // (g') A debit that spans many lots: one UPDATE per lot consumed, all under the row lock.
  {
    const span = 100
    const warmup = 3
    const total = n(30)
    const [acc] = await seedLedger(knex, { programId, accounts: 1, entriesPerAccount: (warmup + total) * span + span, pointsPerEntry: 10, tag: "span" })
    const row = await measure(
      { id: "debit.span_100_lots", name: `debit of ${span * 10} over ${span} lots` },
      { warmup, total, inFlight: 1, op: (i, w) => ledger.debit(acc, span * 10, `span:${w ? "w" : "m"}:${i}`) }
    )
    profiles[`debit of ${span * 10} points spanning ${span} lots, 1 in flight`] = row.profile
    const c = await consistency(knex, [acc])
    checkConsistent(`debits spanning ${span} lots`, c, 1)
    check(`debits spanning ${span} lots: balance`, c.rows[0]?.cached === span * 10,
      `${c.rows[0]?.cached} (expected ${span * 10})`)
  }

  // (h) Redemption bookkeeping at checkout (module level: no cart or promotion, which belong to
  // Medusa's own modules): reserve under the account lock, then spend or give back.
  {
    const [reward] = await service.createLoyaltyRewards([
      { program_id: programId, name: { en: "Bench reward" }, points_cost: 10, type: "fixed_amount", amounts: { eur: 1 } },
    ])
    const cart = (i) => ({ id: `cart_bench_${i}`, currency_code: "eur", item_subtotal: 50, variant_ids: [] })
    for (const [label, settle] of [
      ["reserve + redeem", (r, i) => service.captureRedemption({ redemption_id: r.redemption.id, order_id: `order_bench_${i}` })],
      ["reserve + release", (r) => service.releaseRedemption({ redemption_id: r.redemption.id, reason: "bench" })],
    ]) {
      for (const inFlight of [1, 8]) {
        const acc = await newAccount()
        await ledger.credit(acc, 1_000_000, `h:${label}:${inFlight}:fund`)
        const tag = `${label}:${inFlight}`
        await measure(
          { id: `redemption.${label.includes("redeem") ? "redeem" : "release"}`, name: `${label}, one account` },
          {
            warmup: n(30),
            total: n(300),
            inFlight,
            op: async (i, w) => {
              const c = cart(`${tag}:${w ? "w" : "m"}:${i}`)
              const r = await service.reserveRedemption({ account_id: acc, cart: c, reward_id: reward.id })
              // What attachRedemptionPromotion does once the promotion is on the cart.
              await service.attachRedemptionPromotion(r.redemption.id, `promo_bench_${i}`)
              await settle(r, `${tag}:${w ? "w" : "m"}:${i}`)
            },
          }
        )
        const c = await consistency(knex, [acc])
        checkConsistent(`${label}, ${inFlight} in flight`, c, 1)
        const spent = label.includes("redeem") ? (n(30) + n(300)) * 10 : 0
        check(`${label}, ${inFlight} in flight: balance`, c.rows[0]?.cached === 1_000_000 - spent,
          `${c.rows[0]?.cached} (expected ${1_000_000 - spent})`)
      }
    }
  }

  // (e) Enrollment with a welcome bonus (account + bonus entry + lot in one transaction).
  {
    await service.updateLoyaltyPrograms({ id: programId, welcome_bonus_points: 50 })
    const enrolled = []
    const customers = []
    for (const inFlight of [1, 8]) {
      const base = customer
      const total = inFlight === 1 ? n(300) : n(1000)
      const warmup = n(30)
      customer += warmup + total
      await measure(
        { id: "enroll.new", name: "enroll new + welcome bonus" },
        {
          warmup,
          total,
          inFlight,
          op: async (i, w) => {
            const customer_id = `cus_enroll_${base + (w ? i : warmup + i)}`
            const r = await service.enroll({ program_id: programId, customer_id })
            if (!r.created || r.welcome_bonus?.balance !== 50) throw new Error("enroll did not create an account with its bonus")
            enrolled.push(r.account_id)
            customers.push(customer_id)
          },
        }
      )
    }
    await measure(
      { id: "enroll.existing", name: "enroll again (already member)" },
      {
        warmup: n(20),
        total: n(200),
        inFlight: 1,
        op: async (i) => {
          const r = await service.enroll({ program_id: programId, customer_id: customers[i % customers.length] })
          if (r.created) throw new Error("a second enroll created an account")
        },
      }
    )
    await service.updateLoyaltyPrograms({ id: programId, welcome_bonus_points: 0 })
    const c = await consistency(knex, enrolled)
    check("enrolled accounts: one account per customer, balance 50", c.rows.length === enrolled.length &&
      new Set(enrolled).size === enrolled.length && c.rows.every((r) => r.cached === 50 && r.entries === 1) && !c.bad.length,
      `${c.rows.length} accounts, ${c.rows.filter((r) => r.cached === 50 && r.entries === 1).length} with exactly the bonus`)
  }

  // (f) rebuildBalances over the whole database, with 1,000 more accounts of 20 entries.
  {
    const t = await timeOnce(() =>
      seedLedger(knex, { programId, accounts: n(1000), entriesPerAccount: 20, pointsPerEntry: 10, tag: "rebuild" })
    )
    const seeded = t.value
    console.log(`- seeded ${seeded.length} accounts x 20 entries in ${t.ms} ms`)

    // Replays again, now that the ledger table is bigger: a replay's cost should not grow with it.
    await replays("big", [1], 300)

    const [{ count: entries }] = (await knex.raw("select count(*)::int as count from loyalty_ledger_entry")).rows
    const [{ count: accounts }] = (await knex.raw("select count(*)::int as count from loyalty_account")).rows

    const all = await consistency(knex)
    checkConsistent("whole database (SQL)", all, accounts)

    const runs = []
    for (let i = 0; i < 3; i++) runs.push(await timeOnce(() => service.rebuildBalances()))
    const best = runs.reduce((a, b) => (b.ms < a.ms ? b : a))
    const times = runs.map((r) => r.ms).sort((a, b) => a - b)
    rebuild.push({ name: "check (best of 3)", accounts_checked: best.value.accounts_checked, entries, ms: best.ms, drift: best.value.drift.length, all_ms: times })
    check("rebuildBalances: no drift after the whole bench", runs.every((r) => r.value.drift.length === 0 && r.value.accounts_checked === accounts),
      `${best.value.accounts_checked} accounts, ${entries} entries, ${best.value.drift.length} drifted; ${times.join(" / ")} ms`)

    // Break 10 cached balances behind the module's back; the rebuild must find and fix exactly those.
    const broken = seeded.slice(0, 10)
    await knex("loyalty_account").whereIn("id", broken).increment("balance", 3)
    const fix = await timeOnce(() => service.rebuildBalances({ fix: true }))
    rebuild.push({ name: "fix 10 drifted accounts", accounts_checked: fix.value.accounts_checked, entries, ms: fix.ms, drift: fix.value.drift.length })
    const found = fix.value.drift.map((d) => d.account_id).sort()
    check("rebuildBalances --fix finds exactly the 10 broken accounts", JSON.stringify(found) === JSON.stringify([...broken].sort()) && fix.value.fixed,
      `${found.length} drifted accounts reported, fixed=${fix.value.fixed}`)
    const after = await timeOnce(() => service.rebuildBalances())
    rebuild.push({ name: "check after fix", accounts_checked: after.value.accounts_checked, entries, ms: after.ms, drift: after.value.drift.length })
    checkConsistent("whole database after fix", await consistency(knex), accounts)
  }

  return { scenarios: results, profiles, rebuild }
}

// ---------------------------------------------------------------------------------------
// Run

function git(...args) {
  try {
    return execFileSync("git", args, { cwd: boot.ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim()
  } catch {
    return null
  }
}

async function main() {
  const t0 = performance.now()
  const startedAt = new Date()
  const cleanups = []
  let cleaning = null
  const cleanup = () =>
    (cleaning ??= (async () => {
      for (const f of cleanups.reverse()) {
        try {
          await f()
        } catch (e) {
          console.error("[bench] cleanup step failed:", e.message)
        }
      }
    })())
  for (const sig of ["SIGINT", "SIGTERM"]) {
    process.once(sig, () => {
      console.error(`\n[bench] ${sig}: cleaning up`)
      cleanup().finally(() => process.exit(130))
    })
  }

  let exitCode = 0
  const loadStart = os.loadavg()
  if (loadStart[0] > 1) {
    console.warn(`[bench] warning: load average ${loadStart.map((l) => l.toFixed(2)).join(" ")} on ${os.cpus().length} cores; other work will skew the numbers`)
  }
  try {
    // 1. A PostgreSQL server.
    let baseUrl = process.env.DATABASE_URL
    let mode = "database_url"
    if (baseUrl) {
      console.log(`[bench] using DATABASE_URL (${new URL(baseUrl).host})`)
    } else {
      mode = "embedded"
      process.stdout.write("[bench] starting embedded PostgreSQL ... ")
      const pg = await startPostgres()
      cleanups.push(async () => {
        await pg.stop()
        console.log("[bench] embedded PostgreSQL stopped")
      })
      baseUrl = pg.env.DATABASE_URL
      console.log(`localhost:${pg.env.DB_PORT}`)
    }

    // 2. A fresh database with the module's migrations, and the module on it.
    const dbName = `rewardflow_bench_${process.pid}_${Date.now()}`
    await boot.createDatabase(baseUrl, dbName)
    cleanups.push(async () => {
      await boot.dropDatabase(baseUrl, dbName)
      console.log(`[bench] dropped database ${dbName}`)
    })
    const clientUrl = boot.databaseUrl(baseUrl, dbName)
    const migrations = await boot.migrate(clientUrl)
    const app = await boot.bootLoyaltyModule({ clientUrl, poolMax: 40 })
    cleanups.push(() => app.shutdown())
    const profiler = queryProfiler(app.knex)
    console.log(`[bench] database ${dbName}: ${migrations.length} migrations applied, loyalty module up`)

    const setting = async (name) => (await app.knex.raw(`show ${name}`)).rows[0][name]
    const postgres = {
      mode,
      version: (await app.knex.raw("select version()")).rows[0].version,
      server_version: await setting("server_version"),
      fsync: await setting("fsync"),
      synchronous_commit: await setting("synchronous_commit"),
      shared_buffers: await setting("shared_buffers"),
      max_connections: Number(await setting("max_connections")),
      // The collation decides whether LIKE 'prefix%' can use a plain btree index (only in "C").
      collation: (await app.knex.raw("select datcollate from pg_database where datname = current_database()")).rows[0].datcollate,
    }
    const program = await app.service.getOrCreateDefaultProgram()

    // 3. The scenarios.
    let measured
    try {
      measured = await scenarios({ service: app.service, knex: app.knex, profiler, programId: program.id })
    } catch (e) {
      if (e instanceof InvariantError) {
        console.error(`\n[bench] ${e.message}\n[bench] run aborted, nothing recorded`)
        exitCode = 1
      } else {
        throw e
      }
    }

    // 4. Report.
    if (measured) {
      const commit = git("rev-parse", "--short", "HEAD") ?? "nogit"
      const date = startedAt.toISOString().slice(0, 10)
      const cpus = os.cpus()
      const results = {
        format: 1,
        run: {
          key: `${date}-${commit}-${mode === "embedded" ? "embedded" : "database-url"}`,
          date,
          started_at: startedAt.toISOString(),
          commit,
          commit_full: git("rev-parse", "HEAD"),
          loyalty_src_dirty: !!git("status", "--porcelain", "--", "src/modules/loyalty"),
          scale: SCALE,
          pool_max: 40,
        },
        machine: {
          node: process.version,
          cpu_model: cpus[0]?.model ?? "unknown",
          cores: cpus.length,
          memory_gb: round(os.totalmem() / 2 ** 30, 1),
          os: `${os.type()} ${os.release()} ${os.arch()}`,
          // 1/5/15-minute load averages when the run started and ended (other work skews numbers).
          loadavg_start: loadStart.map((l) => round(l, 2)),
          loadavg_end: os.loadavg().map((l) => round(l, 2)),
        },
        postgres,
        ...measured,
        checks,
        total_wall_s: round((performance.now() - t0) / 1000, 1),
      }
      printReport(results)
      if (RECORD) {
        const files = record(results)
        console.log(`[bench] recorded ${files.json} and ${files.markdown}`)
      } else {
        console.log("[bench] --no-record: nothing written")
      }
    }
  } catch (e) {
    console.error("[bench] failed:", e)
    exitCode = 2
  } finally {
    await cleanup()
  }
  console.log(`[bench] done in ${round((performance.now() - t0) / 1000, 1)} s`)
  process.exit(exitCode)
}

main()
