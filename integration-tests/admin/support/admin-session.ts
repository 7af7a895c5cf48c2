/**
 * One logged-in admin in headless Chromium against a fresh host app (see host-app.ts), with
 * the admin API on the browser's own session cookie and a record of what went wrong in the
 * browser (uncaught exceptions, console errors, requests answered with an error status that
 * no step expected).
 */
import type { Browser, BrowserContext, Page } from "playwright-core"
import { launchChromium, screenshotDir } from "./browser"
import { startHostApp, type HostApp } from "./host-app"

export const STEP_TIMEOUT = 60_000

export type ApiAnswer<T = any> = { status: number; body: T }

export type AdminSession = {
  host: HostApp
  browser: Browser
  context: BrowserContext
  page: Page
  /** Where screenshots go (screenshotDir()). */
  shots: string
  url: (path: string) => string
  /** The admin API as the logged-in browser user. */
  api: <T = any>(method: "GET" | "POST", path: string, data?: unknown) => Promise<ApiAnswer<T>>
  /** Lets `METHOD /path STATUS` fail without counting as a browser error (until `clearExpected`). */
  expectFailure: (key: string) => void
  clearExpected: () => void
  /** The browser errors seen since the last call. */
  takeErrors: () => string[]
  login: () => Promise<void>
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

export async function openAdminSession(opts: { env?: NodeJS.ProcessEnv } = {}): Promise<AdminSession> {
  const host = await startHostApp({ env: opts.env })
  const errors: string[] = []
  const expected = new Set<string>()
  let browser: Browser | undefined
  try {
    browser = await launchChromium()
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: "en-US" })
    context.setDefaultTimeout(STEP_TIMEOUT)
    const page = await context.newPage()
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
      // Only the store's own requests count; ERR_ABORTED is a request cut short by navigation.
      if (new URL(req.url()).origin === host.baseUrl && req.failure()?.errorText !== "net::ERR_ABORTED") {
        errors.push(`request failed: ${req.method()} ${req.url()} ${req.failure()?.errorText}`)
      }
    })
    const url = (p: string) => `${host.baseUrl}${p}`
    const api = async <T = any>(method: "GET" | "POST", p: string, data?: unknown): Promise<ApiAnswer<T>> => {
      const res = await context.request.fetch(url(p), { method, data, failOnStatusCode: false })
      const text = await res.text()
      let body: any = text
      try {
        body = JSON.parse(text)
      } catch {}
      return { status: res.status(), body }
    }
    const b = browser
    return {
      host,
      browser,
      context,
      page,
      shots: screenshotDir(),
      url,
      api,
      expectFailure: (key) => expected.add(key),
      clearExpected: () => expected.clear(),
      takeErrors: () => errors.splice(0),
      login: async () => {
        await page.goto(url("/app/login"))
        await page.locator("input[name=email]").fill(host.adminEmail)
        await page.locator("input[name=password]").fill(host.adminPassword)
        await page.locator("button[type=submit]").click()
        await page.waitForURL((u) => u.pathname.startsWith("/app") && !u.pathname.startsWith("/app/login"), { timeout: STEP_TIMEOUT })
      },
      close: async () => {
        await context.close().catch(() => {})
        await b.close().catch(() => {})
        await host.stop()
      },
    }
  } catch (e) {
    await browser?.close().catch(() => {})
    await host.stop()
    throw e
  }
}
