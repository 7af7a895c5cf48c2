import fs from "node:fs"
import path from "node:path"
import resources from "../i18n"

const ADMIN = path.resolve(__dirname, "..")
type Tree = { [key: string]: string | Tree }

const leaves = (tree: Tree, prefix = ""): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : leaves(v, `${prefix}${k}.`)))

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) return e.name === "__tests__" ? [] : sources(full)
    return /\.(ts|tsx)$/.test(e.name) ? [full] : []
  })
}

const code = sources(ADMIN)
  .map((f) => fs.readFileSync(f, "utf8"))
  .join("\n")
const ROOTS = Object.keys(resources.en.rewardflow).join("|")
/** Keys written out in the code: "rewards.heading". */
const literal = [...code.matchAll(new RegExp(`["'\`]((?:${ROOTS})\\.[A-Za-z_.]+)["'\`]`, "g"))].map((m) => m[1])
/** Keys built in the code: `rewards.types.${type}` gives the prefix "rewards.types.". */
const built = [...code.matchAll(new RegExp(`\`((?:${ROOTS})\\.(?:[A-Za-z_]+\\.)*)\\$\\{`, "g"))].map((m) => m[1])
const en = leaves(resources.en.rewardflow as Tree)
/** i18next plurals: "rewards.points" is written as points_one / points_other. */
const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, "")

describe("admin texts (namespace rewardflow)", () => {
  it.each(["fr", "de", "lb"] as const)("%s has exactly the English keys", (locale) => {
    expect(leaves(resources[locale].rewardflow as Tree).sort()).toEqual([...en].sort())
  })

  it("every key the code uses exists in English", () => {
    expect(literal.length).toBeGreaterThan(50)
    const known = new Set(en.map(base))
    expect(literal.filter((k) => !known.has(k))).toEqual([])
    expect([...new Set(built)].sort()).toEqual([
      "analytics.intervals.",
      "go_live.lines.",
      "go_live.status.",
      "ledger.types.",
      "locales.",
      "members.sources.",
      "redemption.status.",
      "rewards.status.",
      "rewards.types.",
      "terminals.offline.reasons.",
      "terminals.pin_events.",
      "terminals.roles.",
    ])
  })

  it("every English key is used by the code", () => {
    const unused = en.filter((k) => !literal.includes(base(k)) && !built.some((prefix) => k.startsWith(prefix)))
    expect(unused).toEqual([])
  })

  it("no text is empty and placeholders match English", () => {
    const at = (tree: Tree, key: string) => key.split(".").reduce<any>((t, k) => t[k], tree) as string
    const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort()
    for (const locale of ["en", "fr", "de", "lb"] as const) {
      for (const key of en) {
        const text = at(resources[locale].rewardflow as Tree, key)
        expect(text.trim()).not.toBe("")
        expect({ locale, key, placeholders: placeholders(text) }).toEqual({
          locale,
          key,
          placeholders: placeholders(at(resources.en.rewardflow as Tree, key)),
        })
      }
    }
  })
})
