import fs from "node:fs"
import path from "node:path"

export type Route = { method: "GET" | "POST" | "DELETE"; pattern: string }

/** Every route the plugin serves, read from src/api (route.ts files and the methods they export). */
export function pluginRoutes(): Route[] {
  const root = path.resolve(__dirname, "../../src/api")
  const out: Route[] = []
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name)
      if (e.isDirectory()) walk(full)
      else if (e.name === "route.ts") {
        const code = fs.readFileSync(full, "utf8")
        const pattern = "/" + path.relative(root, path.dirname(full)).split(path.sep).join("/")
        for (const m of code.matchAll(/export const (GET|POST|DELETE)\b/g)) out.push({ method: m[1] as Route["method"], pattern })
      }
    }
  }
  walk(root)
  return out.sort((a, b) => `${a.pattern} ${a.method}`.localeCompare(`${b.pattern} ${b.method}`))
}

