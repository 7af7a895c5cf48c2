/**
 * Loyalty > Program, the program's basics (src/admin/components/program/{general,earning,
 * sales-channels,liability-estimate}-section.tsx) in the real Medusa admin, in headless Chromium:
 * the welcome bonus, an earn rate per currency of the store's regions (a currency without one says
 * it does not earn), the sales channels (every channel = the API's empty list), and a new liability
 * estimate; a bad earn rate and a bad redemption rate get the API's message under their field and
 * change nothing; every change is checked through GET /admin/loyalty/program; then the labels in
 * French and German.
 *
 * A part of admin.spec.ts, on the host app every part shares. For its own use it creates a region
 * in CHF (a second currency) and a sales channel "Pop-up store", and deletes both at the end. At
 * the end it puts back what later parts may read: name, status, earn rates, rounding, shipping
 * and taxes, welcome bonus, auto-enroll, default language and sales channels, as they were.
 * It LEAVES one liability estimate (EUR, 1 point = 0.02, 80 %), effective when it was saved: an
 * estimate cannot be deleted (each is kept), and a later part's estimate saved after it (effective
 * now) is the one in force.
 */
import path from "node:path"
import type { Locator } from "playwright-core"
import { switchLanguage } from "../support/admin-language"
import { adminSuite, type AdminSession, type SharedHost } from "../support/admin-session"

/** What this part changes and puts back at the end. */
const RESTORED = ["name", "status", "earn_rates", "rounding", "count_shipping", "count_taxes", "welcome_bonus_points", "auto_enroll", "default_locale", "sales_channel_ids"] as const

/** Registers the part's tests in the enclosing `describe`. */
export function programGeneralTests(shared: SharedHost) {
  let restore: (() => Promise<void>) | null = null
  // Declared before adminSuite's hooks so that it runs first (jest-circus runs after-all hooks in
  // declaration order), while the part's session is still open; it runs even when a test failed.
  afterAll(async () => {
    await restore?.()
  }, 60_000)
  const suite = adminSuite(shared)
  let s: AdminSession
  let shots: string
  let before: Record<string, any>
  let channelId: string
  let chfRegionId: string | undefined
  let popUpId: string | undefined
  beforeAll(() => {
    s = suite.s
    shots = suite.shots
  })

  const card = (testId: string): Locator => s.page.getByTestId(testId)
  async function program(): Promise<Record<string, any>> {
    const { status, body } = await s.api("GET", "/admin/loyalty/program")
    expect(status).toBe(200)
    return body.program
  }
  async function openProgramPage() {
    await s.page.goto(s.url("/app/loyalty/program"))
    await card("rewardflow-program-earning").getByTestId("rewardflow-earn-rates").waitFor()
  }
  /** Saves a section: waits for the API's 200 and for the page to take it in (Save off again). */
  async function save(section: Locator) {
    const button = section.getByRole("button", { name: "Save", exact: true })
    const answered = s.page.waitForResponse((r) => new URL(r.url()).pathname === "/admin/loyalty/program" && r.request().method() === "POST")
    await button.click()
    expect((await answered).status()).toBe(200)
    await s.until("the section saved", async () => await button.isDisabled())
  }
  /** Waits until `locator`'s text is (or matches) `expected`: the page takes a saved program in after the answer. */
  async function expectText(locator: Locator, expected: string | RegExp) {
    await s.until(`text ${expected}`, async () => {
      const text = (await locator.textContent()) ?? ""
      return typeof expected === "string" ? text === expected : expected.test(text)
    })
  }
  /** Saves a section the API refuses: waits for its 400. */
  async function saveRefused(section: Locator) {
    s.expectFailure("POST /admin/loyalty/program 400")
    const answered = s.page.waitForResponse((r) => new URL(r.url()).pathname === "/admin/loyalty/program" && r.request().method() === "POST")
    await section.getByRole("button", { name: "Save", exact: true }).click()
    expect((await answered).status()).toBe(400)
  }

  it("changes the welcome bonus in General; the rest of the program stays as it was", async () => {
    await s.login()
    before = await program()
    channelId = suite.host.seed.fixture.sales_channel_id
    restore = async () => {
      const put = await s.api("POST", "/admin/loyalty/program", Object.fromEntries(RESTORED.map((k) => [k, before[k]])))
      expect(put.status).toBe(200)
      const after = await program()
      expect(Object.fromEntries(RESTORED.map((k) => [k, after[k]]))).toEqual(Object.fromEntries(RESTORED.map((k) => [k, before[k]])))
      for (const [kind, id] of [["regions", chfRegionId], ["sales-channels", popUpId]] as const) {
        if (id) expect((await s.api("DELETE", `/admin/${kind}/${id}`)).status).toBe(200)
      }
    }
    // A second currency and a second channel, so that the page has a choice to show.
    const region = await s.api("POST", "/admin/regions", { name: "Switzerland (program e2e)", currency_code: "chf" })
    expect(region.status).toBe(200)
    chfRegionId = region.body.region.id
    const channel = await s.api("POST", "/admin/sales-channels", { name: "Pop-up store" })
    expect(channel.status).toBe(200)
    popUpId = channel.body.sales_channel.id

    await openProgramPage()
    const general = card("rewardflow-program-general")
    await expect(general.getByLabel("Program name").inputValue()).resolves.toBe(before.name)
    await expect(general.getByRole("combobox", { name: "Status" }).textContent()).resolves.toBe(before.status === "active" ? "Active" : "Paused")
    await expect(general.getByRole("switch", { name: "Enroll automatically" }).getAttribute("aria-checked")).resolves.toBe(String(before.auto_enroll))
    const months = before.points_validity_months
    await expect(general.getByTestId("rewardflow-program-validity").textContent()).resolves.toContain(
      months === null ? "Points never expire (set under Expiry below)." : `Points stay valid for ${months} month${months === 1 ? "" : "s"} (set under Expiry below).`
    )
    await general.getByLabel("Welcome bonus (points)").fill("75")
    await save(general)
    expect(await program()).toEqual({ ...before, welcome_bonus_points: 75, updated_at: expect.any(String) })
  })

  it("sets earn rates per currency of the regions: a bad rate gets the API's message and changes nothing", async () => {
    await openProgramPage()
    const earning = card("rewardflow-program-earning")
    // The new region's currency has no rate: the row says it does not earn.
    const chf = earning.getByTestId("rewardflow-earn-rate-chf")
    await chf.getByText("Switzerland (program e2e)", { exact: true }).waitFor()
    await expect(chf.getByTestId("rewardflow-earn-rate-chf-summary").textContent()).resolves.toBe("Does not earn")
    await expect(chf.getByRole("switch", { name: "Orders in CHF earn points" }).getAttribute("aria-checked")).resolves.toBe("false")
    await expect(earning.getByTestId("rewardflow-earn-rate-eur-summary").textContent()).resolves.toBe(
      `${before.earn_rates.eur.points} point${before.earn_rates.eur.points === 1 ? "" : "s"} per ${before.earn_rates.eur.amount.toFixed(2)} EUR`
    )

    const untouched = await program()
    await earning.getByLabel("Points for EUR").fill("0")
    await saveRefused(earning)
    const error = earning.getByTestId("rewardflow-earn-points-eur-error")
    await error.waitFor()
    await expect(error.textContent()).resolves.toBe("earn_rates.eur.points must be greater than 0, got 0")
    await earning.screenshot({ path: path.join(shots, "program-earn-rate-refused.png") })
    expect(await program()).toEqual(untouched)

    await earning.getByLabel("Points for EUR").fill("2")
    await earning.getByLabel("Amount in EUR").fill("1")
    await chf.getByRole("switch", { name: "Orders in CHF earn points" }).click()
    await earning.getByLabel("Amount in CHF").fill("2")
    await earning.getByRole("switch", { name: "Count shipping" }).click()
    await save(earning)
    await expect(error.count()).resolves.toBe(0)
    expect(await program()).toEqual({
      ...untouched,
      earn_rates: { eur: { points: 2, amount: 1 }, chf: { points: 1, amount: 2 } },
      count_shipping: !before.count_shipping,
      updated_at: expect.any(String),
    })
    await openProgramPage()
    await expect(earning.getByTestId("rewardflow-earn-rate-eur-summary").textContent()).resolves.toBe("2 points per 1.00 EUR")
    await expect(earning.getByTestId("rewardflow-earn-rate-chf-summary").textContent()).resolves.toBe("1 point per 2.00 CHF")
  })

  it("limits earning to one sales channel, then back to every channel (the empty list)", async () => {
    expect(before.sales_channel_ids).toEqual([])
    const channels = card("rewardflow-program-channels")
    const current = channels.getByTestId("rewardflow-program-channels-current")
    await expect(current.textContent()).resolves.toBe("Now: orders earn points in every sales channel.")
    await channels.getByRole("radio", { name: "Only the channels chosen" }).click()
    // None ticked would be saved as every channel: Save waits for a tick.
    await channels.getByTestId("rewardflow-program-channels-none").waitFor()
    await expect(channels.getByRole("button", { name: "Save", exact: true }).isDisabled()).resolves.toBe(true)
    await channels.getByLabel("Pop-up store", { exact: true }).waitFor()
    await channels.getByLabel("Default Sales Channel", { exact: true }).click()
    await save(channels)
    expect((await program()).sales_channel_ids).toEqual([channelId])
    await expectText(current, "Now: orders earn points only in Default Sales Channel.")

    await channels.getByRole("radio", { name: "Every sales channel" }).click()
    await save(channels)
    expect((await program()).sales_channel_ids).toEqual([])
    await expectText(current, "Now: orders earn points in every sales channel.")
  })

  it("saves a new liability estimate; a bad rate or an earlier date gets the API's message and saves nothing", async () => {
    const liability = card("rewardflow-program-liability")
    const shown = liability.getByTestId("rewardflow-program-liability-current")
    const start = await program()
    if (!start.liability_estimate) await expect(shown.textContent()).resolves.toBe("No estimate set yet: the value of a point and the expected redemption rate.")
    await liability.getByText("A new estimate applies from its date: it changes what is recognized from then on, never the revenue already allocated to earlier sales.").waitFor()

    await liability.getByLabel("Value of one point").fill("0.02")
    await liability.getByLabel("Expected redemption rate").fill("1.5")
    await saveRefused(liability)
    const rateError = liability.getByTestId("rewardflow-liability-rate-error")
    await rateError.waitFor()
    await expect(rateError.textContent()).resolves.toBe("liability_estimate.expected_redemption_rate must be more than 0 and at most 1 (0.97 = 97 %)")
    expect(await program()).toEqual(start)

    await liability.getByLabel("Expected redemption rate").fill("0,8") // a decimal comma, as a French or German merchant types it
    await save(liability)
    const saved = await program()
    expect(saved.liability_estimate).toMatchObject({ currency_code: "eur", point_value: "0.02", expected_redemption_rate: "0.8" })
    expect(saved.liability_estimates).toBe(start.liability_estimates + 1)
    // Effective now (no day given): within the last minutes of the server's clock.
    expect(Date.now() - new Date(saved.liability_estimate.effective_at).getTime()).toBeLessThan(10 * 60_000)
    await expectText(shown, /^Estimate: 1 point = €0\.02, 80% of points expected to be redeemed \(since .+\)$/)

    // A day before the estimate in force is refused by the server (the workflow's message).
    await liability.getByLabel("Applies from").fill("2020-01-01")
    await saveRefused(liability)
    const dayError = liability.getByTestId("rewardflow-liability-effective-error")
    await dayError.waitFor()
    await expect(dayError.textContent()).resolves.toMatch(/^liability_estimate\.effective_at must not be before the current estimate's/)
    expect((await program()).liability_estimates).toBe(saved.liability_estimates)
    await s.page.setViewportSize({ width: 1440, height: 2200 })
    await s.page.screenshot({ path: path.join(shots, "program-general.png"), animations: "disabled" })
    await s.page.setViewportSize({ width: 1440, height: 1000 })
  })

  async function expectLabels(texts: { headings: string[]; labels: string[]; texts: string[] }) {
    await s.page.goto(s.url("/app/loyalty/program"))
    for (const heading of texts.headings) await s.page.getByRole("heading", { name: heading, level: 2, exact: true }).waitFor()
    for (const label of texts.labels) await s.page.getByLabel(label, { exact: true }).waitFor()
    for (const text of texts.texts) await s.page.getByText(text, { exact: true }).waitFor()
  }

  it("shows the sections in French and German", async () => {
    await switchLanguage(s, "Français")
    await expectLabels({
      headings: ["Général", "Gain de points", "Canaux de vente", "Estimation du passif"],
      labels: ["Bonus de bienvenue (points)", "Adhésion automatique", "Points pour EUR", "Montant en CHF", "Compter la livraison", "Valeur d'un point", "Taux d'utilisation attendu"],
      texts: ["2 points par 1,00 EUR", "1 point par 2,00 CHF", "Actuellement : les commandes rapportent des points sur tous les canaux de vente."],
    })
    await s.page.setViewportSize({ width: 1440, height: 2200 })
    await s.page.screenshot({ path: path.join(shots, "program-general-fr.png"), animations: "disabled" })
    await s.page.setViewportSize({ width: 1440, height: 1000 })

    await switchLanguage(s, "Deutsch")
    await expectLabels({
      headings: ["Allgemein", "Punkte sammeln", "Vertriebskanäle", "Schätzung der Verbindlichkeit"],
      labels: ["Willkommensbonus (Punkte)", "Automatisch anmelden", "Punkte für EUR", "Betrag in CHF", "Versand mitzählen", "Wert eines Punktes", "Erwartete Einlösequote"],
      texts: ["2 Punkte pro 1,00 EUR", "1 Punkt pro 2,00 CHF", "Derzeit: Bestellungen bringen in allen Vertriebskanälen Punkte."],
    })
  })
}
