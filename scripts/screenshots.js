#!/usr/bin/env node
/**
 * `npm run screenshots`: starts the demo store (demo/run.js, the same code as `npm run demo`), logs
 * into the admin in headless Chromium (/usr/bin/chromium through playwright-core, never a browser a
 * tool downloads) and saves a PNG of every RewardFlow screen and widget under docs/screenshots/,
 * named after its row in SCREENS. A new screen is one more row there (`click`: a control to press
 * once the screen is ready, `then`: what shows after it).
 *
 * It fails (and says which) when a screen does not appear, when the page shows an error, or when a
 * font of the dashboard is refused (the 403 that demo/medusa-config.ts `admin.vite` prevents).
 *
 * Env: PORT (default 9000) and DATABASE_URL / DEMO_PG_PORT as for `npm run demo`;
 * SCREENSHOTS_ONLY=name,name to take some of them.
 */
const fs = require("node:fs")
const path = require("node:path")
const { chromium } = require("playwright-core")
const { startDemo } = require("../demo/run.js")

const OUT = path.resolve(__dirname, "..", "docs", "screenshots")
const CHROMIUM = "/usr/bin/chromium"
const VIEWPORT = { width: 1440, height: 1000 }

/**
 * Every screen, in the order the README shows them. `path` is an admin path (or a function of
 * the demo's ids), `ready` the element that says the screen has loaded, `shot` what to capture
 * (default: the page's main content), `language` the admin's language (default English).
 */
const SCREENS = [
  { name: "rewards", title: "Loyalty > Rewards", path: "/app/loyalty", ready: "[data-testid=rewardflow-rewards] tbody tr" },
  { name: "rewards-fr", title: "Loyalty > Rewards in French", path: "/app/loyalty", ready: "[data-testid=rewardflow-rewards] tbody tr", language: "Français" },
  { name: "program", title: "Loyalty > Program", path: "/app/loyalty/program", ready: "[data-testid=rewardflow-program]" },
  // The demo's data is all test data: the page shows it with "Include test data" on.
  { name: "analytics", title: "Loyalty > Analytics", path: "/app/loyalty/analytics", ready: "[data-testid=rewardflow-analytics]", click: "#rewardflow-analytics-include-test", then: "[data-testid=rewardflow-analytics-points-table]" },
  { name: "go-live", title: "Loyalty > Go live", path: "/app/loyalty/go-live", ready: "[data-testid=rewardflow-go-live-page]" },
  { name: "members", title: "Loyalty > Members", path: "/app/loyalty/members", ready: "[data-testid=rewardflow-members-page]" },
  { name: "member", title: "Loyalty > Members > a member", path: (ids) => `/app/loyalty/members/${ids.accountId}`, ready: "[data-testid=rewardflow-member-page]" },
  { name: "terminals", title: "Loyalty > Terminals", path: "/app/loyalty/terminals", ready: "[data-testid=rewardflow-terminals-page]" },
  { name: "email-templates", title: "Settings > Loyalty emails: templates", path: "/app/settings/loyalty-emails", ready: "[data-testid^=rewardflow-email-template-group-]" },
  { name: "email-template-editor", title: "Settings > Loyalty emails: a template", path: (ids) => `/app/settings/loyalty-emails/templates/${ids.templateId}`, ready: "[data-testid=rewardflow-email-preview-subject]" },
  { name: "email-settings", title: "Settings > Loyalty emails: delivery settings", path: "/app/settings/loyalty-emails?tab=settings", ready: "[data-testid=rewardflow-email-setting-row-host]" },
  { name: "email-log", title: "Settings > Loyalty emails: email log", path: "/app/settings/loyalty-emails?tab=log", ready: "[data-testid=rewardflow-email-log] table" },
  { name: "wallet-settings", title: "Settings > Google Wallet", path: "/app/settings/loyalty-wallet", ready: "[data-testid=rewardflow-wallet-settings]" },
  { name: "customer-widget", title: "Customer page: loyalty widget", path: (ids) => `/app/customers/${ids.customerId}`, ready: "[data-testid=rewardflow-balance]", shot: "[data-testid=rewardflow-customer-loyalty]" },
  { name: "order-widget", title: "Order page: loyalty widget", path: (ids) => `/app/orders/${ids.orderId}`, ready: "[data-testid=rewardflow-order-earned], [data-testid=rewardflow-order-no-points], [data-testid=rewardflow-order-empty]", shot: "widget" },
]

const say = (msg) => console.log(`\x1b[35m[screenshots]\x1b[0m ${msg}`)

async function login(page, base, admin) {
  await page.goto(`${base}/app/login`)
  await page.locator("input[name=email]").fill(admin.email)
  await page.locator("input[name=password]").fill(admin.password)
  await page.locator("button[type=submit]").click()
  await page.waitForURL((u) => u.pathname.startsWith("/app") && !u.pathname.startsWith("/app/login"), { timeout: 120_000 })
}

/** Profile > Edit > Language, as a merchant does it. */
async function switchLanguage(page, base, displayName) {
  await page.goto(`${base}/app/settings/profile/edit`)
  const drawer = page.getByRole("dialog")
  await drawer.getByRole("combobox").click()
  await page.getByRole("option", { name: displayName, exact: true }).click()
  await drawer.locator("button[type=submit]").click()
  await drawer.waitFor({ state: "hidden" })
}

/** The demo's ids the screens need: the seeded shopper, their account and order, a template. */
async function demoIds(context, base, demo) {
  const get = async (p) => {
    const res = await context.request.get(`${base}${p}`)
    if (!res.ok()) throw new Error(`GET ${p} answered ${res.status()}`)
    return await res.json()
  }
  const customerId = demo.result.shopper.customer_id
  const { accounts } = await get(`/admin/loyalty/accounts?customer_id=${customerId}`)
  const { templates } = await get("/admin/loyalty/email/templates?key=loyalty_points_earned&locale=en")
  const orderId = [...demo.result.orders.placed, ...demo.result.orders.existing][0]
  return { customerId, accountId: accounts[0]?.id, templateId: templates[0]?.id, orderId }
}

/**
 * The whole screen: the dashboard scrolls inside its own column, not the document, so a
 * full-page shot would stop at the window; the window is made as tall as that column first.
 */
async function wholePage(page, file) {
  const height = await page.evaluate(() => {
    const scrolling = [...document.querySelectorAll("*")].filter(
      (e) => e.scrollHeight > e.clientHeight + 1 && /auto|scroll/.test(getComputedStyle(e).overflowY)
    )
    return Math.max(window.innerHeight, ...scrolling.map((e) => e.scrollHeight + e.getBoundingClientRect().top))
  })
  await page.setViewportSize({ width: VIEWPORT.width, height: Math.min(Math.ceil(height) + 16, 8000) })
  try {
    await page.waitForTimeout(300) // the layout settles at the new size
    await page.screenshot({ path: file })
  } finally {
    await page.setViewportSize(VIEWPORT)
  }
}

/** The widget an order page shows for RewardFlow: the Container around its first element. */
function orderWidget(page) {
  return page.locator("div.shadow-elevation-card-rest", {
    has: page.locator("[data-testid=rewardflow-order-earned], [data-testid=rewardflow-order-no-points], [data-testid=rewardflow-order-empty]"),
  }).last()
}

async function main() {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (no browser is downloaded)`)
  const only = (process.env.SCREENSHOTS_ONLY || "").split(",").filter(Boolean)
  const screens = only.length ? SCREENS.filter((s) => only.includes(s.name)) : SCREENS
  fs.mkdirSync(OUT, { recursive: true })

  const demo = await startDemo()
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu", "--no-first-run"] })
  const problems = []
  try {
    const context = await browser.newContext({ viewport: VIEWPORT, locale: "en-US" })
    context.setDefaultTimeout(60_000)
    const page = await context.newPage()
    const refusedFonts = new Set()
    const loadedFonts = new Set()
    page.on("response", (res) => {
      const { pathname } = new URL(res.url())
      if (!/\.(ttf|woff2?)$/.test(pathname)) return
      if (res.status() === 200 || res.status() === 304) loadedFonts.add(pathname)
      else refusedFonts.add(`${res.status()} ${res.url()}`)
    })
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`))

    say(`logging in as ${demo.admin.email}`)
    await login(page, demo.url, demo.admin)
    const ids = await demoIds(context, demo.url, demo)
    let language = "English"
    for (const screen of [...screens].sort((a, b) => Number(!!a.language) - Number(!!b.language))) {
      const wanted = screen.language ?? "English"
      if (wanted !== language) {
        await switchLanguage(page, demo.url, wanted)
        language = wanted
      }
      const target = typeof screen.path === "function" ? screen.path(ids) : screen.path
      const file = path.join(OUT, `${screen.name}.png`)
      try {
        await page.goto(`${demo.url}${target}`)
        await page.locator(screen.ready).first().waitFor({ timeout: 60_000 })
        if (screen.click) {
          await page.locator(screen.click).first().click()
          await page.locator(screen.then).first().waitFor({ timeout: 60_000 })
        }
        await page.waitForLoadState("networkidle")
        await page.evaluate(() => document.fonts.ready)
        if (screen.shot === "widget") await orderWidget(page).screenshot({ path: file })
        else if (screen.shot) await page.locator(screen.shot).first().screenshot({ path: file })
        else await wholePage(page, file)
        say(`${screen.name}.png  ${screen.title}`)
      } catch (e) {
        problems.push(`${screen.name} (${target}): ${e.message.split("\n")[0]}`)
      }
    }
    if (language !== "English") await switchLanguage(page, demo.url, "English")
    for (const font of refusedFonts) problems.push(`font refused: ${font}`)
    if (!loadedFonts.size) problems.push("the dashboard loaded none of its fonts (Inter, Roboto Mono)")
    else say(`fonts loaded: ${[...loadedFonts].map((f) => path.basename(f)).join(", ")}`)
  } finally {
    await browser.close().catch(() => {})
    await demo.stop()
  }
  if (problems.length) {
    console.error(`[screenshots] ${problems.length} problem(s):\n  ${problems.join("\n  ")}`)
    process.exit(1)
  }
  say(`${screens.length} screenshots in ${path.relative(process.cwd(), OUT) || OUT}`)
}

module.exports = { SCREENS }

if (require.main === module) {
  main().catch((e) => {
    console.error(`[screenshots] ${e?.stack ?? e}`)
    process.exit(1)
  })
}
