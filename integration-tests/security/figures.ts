import fs from "node:fs"
import path from "node:path"

/** Where the suites leave their figures (docs/reliability.md is written from them): REWARDFLOW_FIGURES_DIR or integration-tests/.results. */
export const FIGURES_DIR = process.env.REWARDFLOW_FIGURES_DIR ?? path.resolve(__dirname, "../.results")

/** Merges one suite's figures into reliability.json (one key per suite), with when and where they were produced. */
export function recordFigures(suite: string, figures: Record<string, unknown>) {
  fs.mkdirSync(FIGURES_DIR, { recursive: true })
  const file = path.join(FIGURES_DIR, "reliability.json")
  const all = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : {}
  all[suite] = { ...figures, recorded_at: new Date().toISOString() }
  fs.writeFileSync(file, JSON.stringify(all, null, 2) + "\n")
}
