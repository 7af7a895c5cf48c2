/**
 * Headless Chromium for the admin tests: Debian's `chromium` package, driven by playwright-core.
 * Never a browser that a tool downloads by itself.
 */
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { chromium, type Browser } from "playwright-core"

export const CHROMIUM_PATH = "/usr/bin/chromium"

export const INSTALL_HINT =
  "Install it with `sudo apt-get update && sudo apt-get install -y chromium` (Debian/Ubuntu), " +
  `so that ${CHROMIUM_PATH} exists.`

export function chromiumAvailable(): boolean {
  try {
    fs.accessSync(CHROMIUM_PATH, fs.constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** When Chromium is missing: a failure under REWARDFLOW_REQUIRE_BROWSER=1 (CI), else a loud skip. */
export function browserRequirement(): "run" | "fail" | "skip" {
  if (chromiumAvailable()) return "run"
  return process.env.REWARDFLOW_REQUIRE_BROWSER === "1" ? "fail" : "skip"
}

export function warnSkipped(suite: string) {
  const line = "!".repeat(100)
  console.warn(
    [
      line,
      `SKIPPED: ${suite}`,
      `The admin browser tests need Chromium at ${CHROMIUM_PATH}, which is missing or not executable.`,
      INSTALL_HINT,
      "Set REWARDFLOW_REQUIRE_BROWSER=1 to make its absence a failure (CI does).",
      line,
    ].join("\n")
  )
}

export async function launchChromium(): Promise<Browser> {
  return await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // playwright-core gives it a fresh, temporary user data dir.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  })
}

/** Where screenshots go: REWARDFLOW_SCREENSHOT_DIR, else a new folder in the system temp dir. */
export function screenshotDir(): string {
  const dir = process.env.REWARDFLOW_SCREENSHOT_DIR || fs.mkdtempSync(path.join(os.tmpdir(), "rewardflow-admin-shots-"))
  fs.mkdirSync(dir, { recursive: true })
  return dir
}

/**
 * `describe` for a browser suite: without Chromium it is skipped with a loud warning, or under
 * REWARDFLOW_REQUIRE_BROWSER=1 it is one failing test that says how to install it.
 */
export function describeInBrowser(suite: string, body: () => void) {
  const requirement = browserRequirement()
  if (requirement === "skip") {
    warnSkipped(`${suite} (integration-tests/admin)`)
    describe.skip(suite, body)
    return
  }
  describe(suite, () => {
    if (requirement === "fail") {
      it("needs Chromium", () => {
        throw new Error(`REWARDFLOW_REQUIRE_BROWSER=1 but ${CHROMIUM_PATH} is missing or not executable. ${INSTALL_HINT}`)
      })
      return
    }
    body()
  })
}
