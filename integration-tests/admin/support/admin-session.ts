/**
 * One logged-in admin in headless Chromium against a host app, for the browser specs:
 * the page, the admin API with the browser's own session cookie, polling, and a record of
 * what went wrong in the browser (uncaught errors, console errors, failed requests to the
 * store) that a spec checks after each test.
 */
import type { Browser, BrowserContext, Page } from "playwright-core"
import { launchChromium, screenshotDir } from "./browser"
import { startHostApp, type HostApp } from "./host-app"

export const STEP_TIMEOUT = 60_000

export type AdminSession = {
  page: Page
  context: BrowserContext
  url: (path: string) => string
  /** The admin API as the logged-in user (same cookie jar as the page). */
  api: <T = any>(method: "GET" | "POST" | "DELETE", path: string, data?: unknown) => Promise<{ status: number; body: T }>
  /** Polls until `fn` returns a truthy value; fails with the last value seen. */
  until: <T>(what: string, fn: () => Promise<T>, timeout?: number) => Promise<T>
  login: () => Promise<void>
  /** Marks `METHOD /path STATUS` as a failure the current step expects. */
  expectFailure: (key: string) => void
  /** The errors seen since the last call (and forgets the expected failures). */
  takeErrors: () => string[]
  close: () => Promise<void>
}

/** Polls until `fn` returns a truthy value; fails with the last value seen. */
export async function until<T>(what: string, fn: () => Promise<T>, timeout = STEP_TIMEOUT): Promise<T> {
  const end = Date.now() + timeout
  let last: unknown
  for (;;) {
    try {
      last = await fn()
      if (last) return last as T
    } catch (e) {
      last = e
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what} (last: ${String(last)})`)
    await new Promise((r) => setTimeout(r, 250))
  }
}

export async function openAdminSession(host: HostApp): Promise<AdminSession> {
  const browser: Browser = await launchChromium()
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: "en-US" })
  context.setDefaultTimeout(STEP_TIMEOUT)
  const page = await context.newPage()
  const errors: string[] = []
  const expected = new Set<string>()
  const url = (p: string) => `${host.baseUrl}${p}`

  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`))
  page.on("console", (m) => {
    // A failed request is logged as "Failed to load resource"; it is judged below by its URL.
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) errors.push(`console error: ${m.text()}`)
  })
  page.on("response", (res) => {
    const u = new URL(res.url())
    if (u.origin !== host.baseUrl || res.status() < 400) return
    const key = `${res.request().method()} ${u.pathname} ${res.status()}`
    // The dashboard asks for the current user before login; 401 there is how it learns.
    if (key === "GET /admin/users/me 401") return
    if (!expected.has(key)) errors.push(`request failed: ${key}`)
  })
  page.on("requestfailed", (req) => {
    // Only the store's own requests count (this machine cannot reach outside resources);
    // ERR_ABORTED is a request cut short by leaving the page.
    if (new URL(req.url()).origin === host.baseUrl && req.failure()?.errorText !== "net::ERR_ABORTED") {
      errors.push(`request failed: ${req.method()} ${req.url()} ${req.failure()?.errorText}`)
    }
  })

  const api: AdminSession["api"] = async (method, p, data) => {
    const res = await context.request.fetch(url(p), { method, data, failOnStatusCode: false })
    const text = await res.text()
    let body: any = text
    try {
      body = JSON.parse(text)
    } catch {}
    return { status: res.status(), body }
  }

  const login = async () => {
    await page.goto(url("/app/login"))
    await page.locator("input[name=email]").fill(host.adminEmail)
    await page.locator("input[name=password]").fill(host.adminPassword)
    await page.locator("button[type=submit]").click()
    await page.waitForURL((u) => u.pathname.startsWith("/app") && !u.pathname.startsWith("/app/login"), {
      timeout: STEP_TIMEOUT,
    })
  }

  return {
    page,
    context,
    url,
    api,
    until,
    login,
    expectFailure: (key) => expected.add(key),
    takeErrors: () => {
      expected.clear()
      return errors.splice(0)
    },
    close: async () => {
      await context.close().catch(() => {})
      await browser.close().catch(() => {})
    },
  }
}

/**
 * The one host app every part of admin.spec.ts shares (one `medusa build`, one database, one
 * server), filled in by the hooks that `sharedHostApp` registers.
 */
export type SharedHost = {
  host: HostApp
  /** One screenshot folder for every part (their file names differ). */
  shots: string
  /** The extra environment the host app was started with (see `sharedHostApp`). */
  env: NodeJS.ProcessEnv
}

/**
 * Registers, in the enclosing `describe`, a before-all hook that starts the host app and an
 * after-all hook that stops it, and returns what they set up. `env` is computed in the before-all
 * hook (it may need a free port) and added to the host app's environment.
 */
export function sharedHostApp(env: () => Promise<NodeJS.ProcessEnv> | NodeJS.ProcessEnv = () => ({})): SharedHost {
  const shared = {} as SharedHost
  let startedAt = Date.now()
  beforeAll(async () => {
    startedAt = Date.now()
    shared.env = await env()
    shared.host = await startHostApp({ env: shared.env })
    shared.shots = screenshotDir()
  }, 420_000)
  afterAll(async () => {
    await shared.host?.stop()
    process.stdout.write(
      `[admin e2e] host app used for ${((Date.now() - startedAt) / 1000).toFixed(1)} s; screenshots in ${shared.shots}\n`
    )
  }, 60_000)
  return shared
}

export type AdminSuite = { host: HostApp; s: AdminSession; shots: string }

/**
 * Registers a part's hooks (call it inside the part's `describe`) and returns what they set up:
 * before all, an admin session of its own in a new Chromium (not logged in yet) on the shared host
 * app; after each test, a failure for any error seen in the browser; after all, the browser closed.
 */
export function adminSuite(shared: SharedHost): AdminSuite {
  const suite = {} as AdminSuite
  let startedAt = Date.now()
  beforeAll(async () => {
    startedAt = Date.now()
    if (!shared.host) throw new Error("the shared host app did not start (see the first failure)")
    suite.host = shared.host
    suite.shots = shared.shots
    suite.s = await openAdminSession(shared.host)
  }, 60_000)
  afterAll(async () => {
    await suite.s?.close()
    process.stdout.write(`[admin e2e] part finished in ${((Date.now() - startedAt) / 1000).toFixed(1)} s\n`)
  }, 60_000)
  afterEach(() => {
    const errors = suite.s?.takeErrors() ?? []
    if (errors.length) throw new Error(`errors in the browser:\n${errors.join("\n")}`)
  })
  return suite
}
