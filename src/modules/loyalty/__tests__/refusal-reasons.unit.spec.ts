import fs from "node:fs"
import path from "node:path"
import { MedusaError } from "@medusajs/framework/utils"
import { REFUSAL_REASONS, isRefusal, refusal } from "../lib/refusal"

const README = fs.readFileSync(path.resolve(__dirname, "..", "..", "..", "..", "README.md"), "utf8")

/** The README's reason table: reason -> its status and figures as written there. */
function readmeReasons(): Map<string, { status: string; figures: string }> {
  const table = README.slice(README.indexOf("| reason | status | figures | when |"))
  const rows = new Map<string, { status: string; figures: string }>()
  for (const line of table.split("\n").slice(2)) {
    if (!line.startsWith("| `")) break
    const [, reason, status, figures] = line.split("|").map((c) => c.trim())
    rows.set(reason.replace(/`/g, ""), { status, figures })
  }
  return rows
}

describe("refusal reasons", () => {
  it("the README's table lists every reason with its status and figures, and nothing else", () => {
    const rows = readmeReasons()
    expect([...rows.keys()]).toEqual(Object.keys(REFUSAL_REASONS))
    for (const [reason, spec] of Object.entries(REFUSAL_REASONS) as [string, { status: number; other_status?: number; fields: readonly string[] }][]) {
      const row = rows.get(reason)!
      expect({ reason, status: row.status }).toEqual({ reason, status: [spec.status, spec.other_status].filter(Boolean).join(", ") })
      expect({ reason, figures: row.figures }).toEqual({ reason, figures: spec.fields.length ? spec.fields.map((f) => `\`${f}\``).join(", ") : "-" })
    }
  })

  it("a refusal is a MedusaError of its status's kind whose reason and figures are own properties (they survive a workflow step)", () => {
    const e = refusal("insufficient_points", "Not enough points", { balance: 1, points_required: 5, points_missing: 4 })
    expect(e).toBeInstanceOf(MedusaError)
    expect(e.type).toBe(MedusaError.Types.NOT_ALLOWED)
    expect(refusal("account_busy", "busy").type).toBe(MedusaError.Types.CONFLICT)
    expect(refusal("cart_not_found", "gone").type).toBe(MedusaError.Types.NOT_FOUND)
    expect(refusal("not_enrolled", "join", {}, MedusaError.Types.NOT_FOUND).type).toBe(MedusaError.Types.NOT_FOUND)
    // What the workflow engine keeps of a step's error (serializeError: own property names).
    const copied = Object.fromEntries(Object.getOwnPropertyNames(e).map((k) => [k, (e as any)[k]]))
    expect(isRefusal(copied)).toBe(true)
    expect(copied).toMatchObject({ reason: "insufficient_points", details: { points_missing: 4 } })
    expect(isRefusal(new MedusaError(MedusaError.Types.NOT_ALLOWED, "plain"))).toBe(false)
  })
})
