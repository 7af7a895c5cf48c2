/**
 * Timing helpers: latency percentiles, a fixed-concurrency runner and a per-query profiler
 * that hooks knex's query events (every ledger query goes through the shared knex pool).
 */
const { performance } = require("node:perf_hooks")

/** Nearest-rank percentile of an ascending array. */
function percentile(sorted, p) {
  if (!sorted.length) return null
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[i]
}

const round = (v, digits = 2) => (v == null ? null : Math.round(v * 10 ** digits) / 10 ** digits)

function summarise(latencies, wallMs, errors, cpu) {
  const sorted = Float64Array.from(latencies).sort()
  const n = sorted.length
  const mean = n ? sorted.reduce((a, b) => a + b, 0) / n : null
  return {
    ops: n,
    errors,
    wall_s: round(wallMs / 1000, 3),
    ops_per_s: round(n / (wallMs / 1000), 1),
    mean_ms: round(mean),
    p50_ms: round(percentile(sorted, 50)),
    p95_ms: round(percentile(sorted, 95)),
    p99_ms: round(percentile(sorted, 99)),
    max_ms: round(n ? sorted[n - 1] : null),
    // Node's own CPU time over wall time: near 100 means the bench process, not the
    // database, was the bottleneck (one core of two).
    client_cpu_pct: cpu == null ? null : round((cpu / 1000 / wallMs) * 100, 0),
    // Node's CPU time per operation: the JavaScript cost of one call (Medusa, MikroORM,
    // knex, pg and the module's own code), whatever the database does meanwhile.
    client_cpu_ms_per_op: cpu == null || !n ? null : round(cpu / 1000 / n, 2),
  }
}

/**
 * Calls `fn(i)` for i in [0, total) with `inFlight` calls running at once and times each call.
 * Failed calls are counted and their first error kept; they are not part of the latencies.
 */
async function runConcurrent(total, inFlight, fn) {
  const latencies = []
  let errors = 0
  let firstError = null
  let next = 0
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  const worker = async () => {
    for (;;) {
      const i = next++
      if (i >= total) return
      const s = performance.now()
      try {
        await fn(i)
        latencies.push(performance.now() - s)
      } catch (e) {
        errors++
        firstError ??= e
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(inFlight, total) }, worker))
  const wall = performance.now() - t0
  const cpu = process.cpuUsage(cpu0)
  return { ...summarise(latencies, wall, errors, cpu.user + cpu.system), firstError }
}

/** Times one async call (ms). */
async function timeOnce(fn) {
  const s = performance.now()
  const value = await fn()
  return { ms: round(performance.now() - s), value }
}

/** Turns a statement into its shape: placeholders and literals out, whitespace collapsed. */
function shapeOf(sql) {
  return String(sql)
    .replace(/\s+/g, " ")
    .replace(/'(?:[^']|'')*'/g, "'?'")
    .replace(/\$\d+/g, "?")
    .replace(/\b\d+\b/g, "N")
    .replace(/\(\?(?:, ?\?)+\)/g, "(?…)")
    .trim()
}

/**
 * Aggregates time per statement shape between `start()` and `stop()`. Must be attached to the
 * knex instance before the transactions it should see are opened (knex copies listeners
 * into each transaction).
 */
function queryProfiler(knex) {
  const pending = new Map()
  let stats = null
  let lockTimes = []
  knex.on("query", (q) => {
    if (!stats) return
    pending.set(q.__knexQueryUid, { t: performance.now(), sql: q.sql })
  })
  const done = (obj) => {
    const p = obj && pending.get(obj.__knexQueryUid)
    if (!p) return
    pending.delete(obj.__knexQueryUid)
    if (!stats) return
    const key = shapeOf(p.sql)
    const s = (stats.get(key) ?? stats.set(key, { count: 0, total_ms: 0, max_ms: 0 }).get(key))
    const ms = performance.now() - p.t
    s.count++
    s.total_ms += ms
    s.max_ms = Math.max(s.max_ms, ms)
    if (/for update/i.test(key)) lockTimes.push(ms)
  }
  knex.on("query-response", (_res, obj) => done(obj))
  knex.on("query-error", (_err, obj) => done(obj))
  return {
    start() {
      stats = new Map()
      lockTimes = []
      pending.clear()
    },
    /** Returns the statements by total time, with their share and count per operation. */
    stop(ops) {
      const all = [...(stats ?? new Map()).entries()]
      stats = null
      const total = all.reduce((a, [, s]) => a + s.total_ms, 0)
      const statements = all.reduce((a, [, s]) => a + s.count, 0)
      const locks = all.filter(([sql]) => /for update/i.test(sql)).map(([, s]) => s)
      const lockCount = locks.reduce((a, s) => a + s.count, 0)
      return {
        statements_per_op: round(statements / ops, 2),
        // Mean time of the account's SELECT ... FOR UPDATE: under contention, the lock wait.
        lock_mean_ms: lockCount ? round(locks.reduce((a, s) => a + s.total_ms, 0) / lockCount, 2) : null,
        lock_p95_ms: round(percentile(Float64Array.from(lockTimes).sort(), 95), 2),
        db_ms_per_op: round(total / ops, 2),
        top: all
          .sort((a, b) => b[1].total_ms - a[1].total_ms)
          .slice(0, 8)
          .map(([sql, s]) => ({
            sql: sql.length > 140 ? sql.slice(0, 139) + "…" : sql,
            per_op: round(s.count / ops, 2),
            mean_ms: round(s.total_ms / s.count, 3),
            max_ms: round(s.max_ms, 1),
            share_pct: round((s.total_ms / (total || 1)) * 100, 1),
          })),
      }
    },
  }
}

module.exports = { percentile, summarise, runConcurrent, timeOnce, queryProfiler, round, shapeOf }
