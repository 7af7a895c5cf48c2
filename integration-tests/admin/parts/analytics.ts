/**
 * Loyalty > Analytics (src/admin/routes/loyalty/analytics) in the real Medusa admin, in headless
 * Chromium, in English and in French: a little history seeded through the admin API (a liability
 * estimate, a new member with adjusted points), then the page's headings, labels and figures
 * checked against what the analytics routes answer, a filter that changes the routes' query, and a
 * CSV export downloaded by the browser and compared byte for byte with the route's own CSV (BOM,
 * `,` in English, `;` in French).
 *
 * A part of admin.spec.ts, on the host app every part shares; it runs after the parts that wrote
 * the program (its time zone is Europe/Luxembourg by then) and only adds data of its own. Its
 * browser switches to French for the second test (other parts' browsers keep English).
 */
import fs from "node:fs"
import path from "node:path"
import type { Locator } from "playwright-core"
import { switchLanguage } from "../support/admin-language"
import { adminSuite, type AdminSession, type SharedHost } from "../support/admin-session"

const BOM = Buffer.from([0xef, 0xbb, 0xbf])
const ESTIMATE = { currency_code: "eur", point_value: "0.01", expected_redemption_rate: "0.9" }
const SEED_POINTS = 250

/** Registers the part's tests in the enclosing `describe`. */
export function analyticsTests(shared: SharedHost) {
  const suite = adminSuite(shared)
  let s: AdminSession
  let shots: string
  beforeAll(() => {
    s = suite.s
    shots = suite.shots
  })

  const section = (report: string): Locator => s.page.getByTestId(`rewardflow-analytics-${report}`)
  const stat = (id: string) => s.page.getByTestId(`rewardflow-stat-${id}`)
  /**
   * From the second test on, the page counts test data (the switch "Include test data"): the demo
   * seed's shopper and orders are test data, and the figures would be empty without them.
   */
  let includeTest = false
  const withTest = (query: string) => (includeTest ? `${query}${query ? "&" : "?"}include_test=true` : query)
  async function report(name: string, query = ""): Promise<any> {
    const { status, body } = await s.api("GET", `/admin/loyalty/analytics/${name}${withTest(query)}`)
    expect({ name, status }).toEqual({ name, status: 200 })
    return body
  }
  /** The route's CSV as bytes (the page's download must be exactly these). */
  async function csvBytes(name: string, locale: string): Promise<Buffer> {
    const res = await s.context.request.get(s.url(withTest(`/admin/loyalty/analytics/${name}?format=csv&locale=${locale}`)))
    expect(res.status()).toBe(200)
    expect(res.headers()["content-type"]).toMatch(/^text\/csv/)
    return await res.body()
  }
  /** Clicks the section's Export CSV and returns the downloaded file's name and bytes. */
  async function exportCsv(name: string, button: string) {
    const [download] = await Promise.all([s.page.waitForEvent("download"), section(name).getByRole("button", { name: button, exact: true }).click()])
    const file = await download.path()
    return { name: download.suggestedFilename(), bytes: fs.readFileSync(file!) }
  }
  async function expectFigure(id: string, text: string) {
    await s.until(`${id} to show ${text}`, async () => ((await stat(id).textContent()) ?? "").trim() === text)
  }
  const rate = (r: number | null, locale: string) =>
    r == null ? "–" : new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 2 }).format(r)

  it("seeds a liability estimate and a new member with points through the admin API", async () => {
    await s.login()
    const saved = await s.api("POST", "/admin/loyalty/program", { liability_estimate: ESTIMATE })
    expect(saved.status).toBe(200)
    expect(saved.body.program.liability_estimate).toMatchObject({ currency_code: "eur", point_value: "0.01", expected_redemption_rate: "0.9" })

    const before = (await report("members")).totals
    const customer = await s.api("POST", "/admin/customers", { email: `analytics-${Date.now().toString(36)}@rewardflow.test`, first_name: "Mia", last_name: "Schmit" })
    expect(customer.status).toBe(200)
    const enrolled = await s.api("POST", "/admin/loyalty/accounts", { customer_id: customer.body.customer.id })
    expect(enrolled.status).toBeLessThan(300)
    const accountId: string = enrolled.body.account.id
    const adjusted = await s.api("POST", `/admin/loyalty/accounts/${accountId}/adjust`, { points: SEED_POINTS, reason: "Analytics browser test" })
    expect(adjusted.status).toBeLessThan(300)

    const after = (await report("members")).totals
    expect({ total: after.total - before.total, new: after.new - before.new }).toEqual({ total: 1, new: 1 })
    expect((await report("points")).totals.adjusted).toBeGreaterThanOrEqual(SEED_POINTS)
  })

  /** Turns on "Include test data" and waits for the page to ask the routes with it. */
  async function includeTestData(label: string) {
    const asked = s.page.waitForRequest((r) => new URL(r.url()).searchParams.get("include_test") === "true")
    await s.page.getByLabel(label, { exact: true }).click()
    await asked
    includeTest = true
  }

  it("shows the figures the routes answer, in English, and exports a table as the route's CSV", async () => {
    await s.page.goto(s.url("/app/loyalty/analytics"))
    await s.page.getByRole("heading", { name: "Analytics", level: 1, exact: true }).waitFor()
    await includeTestData("Include test data (the demo's data is all test data)")
    const [members, points, liability, revenue] = await Promise.all(["members", "points", "liability", "revenue"].map((r) => report(r)))
    expect(revenue.rows.length).toBeGreaterThan(0)
    await s.page.locator("nav").getByRole("link", { name: "Analytics", exact: true }).waitFor()
    for (const heading of ["Members", "Points", "Liability", "Revenue: members and non-members", "Cohorts: retention by month of enrollment", "Rewards", "Stores"]) {
      await s.page.getByRole("heading", { name: heading, level: 2, exact: true }).waitFor()
    }
    for (const label of ["From", "To", "Interval", "Sales channel", "Store", "Currency"]) await s.page.getByLabel(label, { exact: true }).waitFor()

    // The days covered, as the route answered them (its default: the last 12 months), the English way.
    const day = (d: string) => new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${d}T00:00:00Z`))
    await s.page.getByText(`${day(members.period.from)} – ${day(members.period.to)} (${members.period.time_zone})`, { exact: true }).waitFor()

    await expectFigure("members-total", members.totals.total.toLocaleString("en"))
    await expectFigure("members-new", members.totals.new.toLocaleString("en"))
    await expectFigure("members-active", members.totals.active.toLocaleString("en"))
    await expectFigure("members-enrollment-rate", rate(members.totals.enrollment_rate, "en"))
    await expectFigure("points-issued", points.totals.issued.toLocaleString("en"))
    await expectFigure("points-adjusted", points.totals.adjusted.toLocaleString("en"))
    await expectFigure("points-outstanding", points.totals.outstanding.toLocaleString("en"))
    await expectFigure("points-redemption-rate", rate(points.totals.redemption_rate, "en"))
    await expectFigure("liability-outstanding-points", liability.totals.outstanding_points.toLocaleString("en"))
    await expectFigure(
      "liability-outstanding-value",
      new Intl.NumberFormat("en", { style: "currency", currency: "EUR" }).format(Number(liability.totals.outstanding_value))
    )
    await section("liability").getByText(/^Estimate: 1 point = €0\.01, 90% of points expected to be redeemed \(since .+\)$/).waitFor()

    // The points chart: the dashboard's chart with its translated legend, one period per bucket.
    const chart = s.page.getByTestId("rewardflow-analytics-points-chart")
    await chart.locator(".recharts-legend-item-text").first().waitFor()
    await expect(chart.locator(".recharts-legend-item-text").allTextContents()).resolves.toEqual(["Issued", "Redeemed", "Reversed", "Expired"])
    await expect(s.page.getByTestId("rewardflow-analytics-points-table").locator("tbody tr").count()).resolves.toBe(points.periods.length)
    await expect(s.page.getByTestId("rewardflow-analytics-revenue-table").locator("tbody tr").count()).resolves.toBe(revenue.rows.length)
    await section("revenue").getByText("Order totals including tax and shipping, net of returns and refunds.", { exact: true }).waitFor()

    const csv = await exportCsv("members", "Export CSV")
    expect(csv.bytes.subarray(0, 3)).toEqual(BOM)
    expect(csv.bytes.equals(await csvBytes("members", "en"))).toBe(true)
    expect(csv.name).toMatch(/^rewardflow-members-.*\.csv$/)
    const header = csv.bytes.subarray(3).toString("utf8").split("\r\n")[0]
    expect(header.split(",").length).toBeGreaterThan(5)
    expect(header).not.toContain(";")

    await s.page.setViewportSize({ width: 1440, height: 4200 })
    await s.page.screenshot({ path: path.join(shots, "analytics-page.png"), animations: "disabled" })
    await s.page.setViewportSize({ width: 1440, height: 1000 })
  })

  it("asks the routes again with the chosen interval and dates", async () => {
    const asked = s.page.waitForRequest((r) => {
      const u = new URL(r.url())
      return u.pathname === "/admin/loyalty/analytics/members" && u.searchParams.get("interval") === "week"
    })
    await s.page.getByLabel("Interval", { exact: true }).click()
    await s.page.getByRole("option", { name: "Week", exact: true }).click()
    await asked
    const weekly = await report("members", "?interval=week")
    const rows = s.page.getByTestId("rewardflow-analytics-members-table").locator("tbody tr")
    await s.until("weekly rows", async () => (await rows.count()) === weekly.periods.length)
    await expect(rows.first().locator("td").first().textContent()).resolves.toMatch(/^Week of /)

    const from = weekly.periods[weekly.periods.length - 2].period // the Monday of last week
    const dated = s.page.waitForRequest((r) => new URL(r.url()).searchParams.get("from") === from)
    await s.page.getByLabel("From", { exact: true }).fill(from)
    await dated
    const recent = await report("members", `?interval=week&from=${from}`)
    expect(recent.periods.length).toBeLessThanOrEqual(2)
    await s.until("the rows of two weeks", async () => (await rows.count()) === recent.periods.length)
    await expectFigure("members-new", recent.totals.new.toLocaleString("en"))
  })

  it("shows the page in French after the admin switches to Français, and exports CSV with ';'", async () => {
    await switchLanguage(s, "Français")
    await s.page.goto(s.url("/app/loyalty/analytics"))
    await s.page.getByRole("heading", { name: "Statistiques", level: 1, exact: true }).waitFor()
    await includeTestData("Inclure les données de test (celles de la démo en sont toutes)")
    const [members, liability] = await Promise.all(["members", "liability"].map((r) => report(r)))
    await s.page.locator("nav").getByRole("link", { name: "Statistiques", exact: true }).waitFor()
    for (const heading of ["Membres", "Points", "Passif", "Chiffre d'affaires : membres et non-membres", "Cohortes : fidélisation par mois d'adhésion", "Récompenses", "Magasins"]) {
      await s.page.getByRole("heading", { name: heading, level: 2, exact: true }).waitFor()
    }
    for (const label of ["Du", "Au", "Intervalle", "Canal de vente", "Magasin", "Devise"]) await s.page.getByLabel(label, { exact: true }).waitFor()
    await section("members").getByText("Taux d'adhésion", { exact: true }).first().waitFor()
    await section("points").getByText("Expiration constatée", { exact: true }).first().waitFor()

    await expectFigure("members-total", members.totals.total.toLocaleString("fr"))
    await expectFigure("members-enrollment-rate", rate(members.totals.enrollment_rate, "fr"))
    await expectFigure(
      "liability-outstanding-value",
      new Intl.NumberFormat("fr", { style: "currency", currency: "EUR" }).format(Number(liability.totals.outstanding_value))
    )
    // 0,01 € and 90 % the French way (Intl's narrow no-break spaces included).
    const pointValue = new Intl.NumberFormat("fr", { style: "currency", currency: "EUR", maximumFractionDigits: 6 }).format(0.01)
    const share = rate(0.9, "fr")
    await section("liability").getByText(`Estimation : 1 point = ${pointValue}, ${share} des points devraient être utilisés`, { exact: false }).waitFor()
    const chart = s.page.getByTestId("rewardflow-analytics-points-chart")
    await chart.locator(".recharts-legend-item-text").first().waitFor()
    await expect(chart.locator(".recharts-legend-item-text").allTextContents()).resolves.toEqual(["Émis", "Utilisés", "Annulés", "Expirés"])

    const csv = await exportCsv("points", "Exporter en CSV")
    expect(csv.bytes.subarray(0, 3)).toEqual(BOM)
    expect(csv.bytes.equals(await csvBytes("points", "fr"))).toBe(true)
    const header = csv.bytes.subarray(3).toString("utf8").split("\r\n")[0]
    expect(header.startsWith("Période;")).toBe(true)
    expect(header).not.toContain(",")

    await s.page.setViewportSize({ width: 1440, height: 4200 })
    await s.page.screenshot({ path: path.join(shots, "analytics-page-fr.png"), animations: "disabled" })
    await s.page.setViewportSize({ width: 1440, height: 1000 })
  })
}
