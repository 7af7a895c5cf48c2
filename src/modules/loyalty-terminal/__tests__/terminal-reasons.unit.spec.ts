import fs from "node:fs"
import path from "node:path"
import { TERMINAL_REFUSAL_REASONS } from "../lib/terminal-refusal"

const README = fs.readFileSync(path.resolve(__dirname, "..", "..", "..", "..", "README.md"), "utf8")

/** The README's terminal reason table: reason -> status and figures as written there. */
function readmeTable() {
  const section = README.slice(README.indexOf("### Terminal refusal reasons"))
  const table = section.slice(section.indexOf("| reason | status | figures | meaning |"))
  const rows: Record<string, { status: number; fields: string[] }> = {}
  for (const line of table.split("\n").slice(2)) {
    if (!line.startsWith("|")) break
    const [reason, status, figures] = line.split("|").slice(1).map((c) => c.trim())
    rows[reason.replace(/`/g, "")] = { status: Number(status), fields: figures ? figures.split(",").map((f) => f.trim().replace(/`/g, "")) : [] }
  }
  return rows
}

describe("terminal refusal reasons", () => {
  it("the README's table lists every terminal reason with its status and figures, and nothing else", () => {
    const expected = Object.fromEntries(Object.entries(TERMINAL_REFUSAL_REASONS).map(([r, v]) => [r, { status: v.status, fields: [...v.fields] }]))
    expect(readmeTable()).toEqual(expected)
  })
})
