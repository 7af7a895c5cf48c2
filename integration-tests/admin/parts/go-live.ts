/**
 * Loyalty > Go live (src/admin/routes/loyalty/go-live) in the real Medusa admin, in headless
 * Chromium, in English and in French: the readiness board as GET /admin/loyalty/readiness answers
 * it (one row per line, its status translated, the server's summary and evidence as given, the
 * link to the screen that fixes it), the real-device Wallet check recorded from the page and read
 * back through the API, a test account cleaned up through the confirmation dialog (and only it),
 * and the "Go live" action: off and refused (409, naming the lines) while a line is not ready.
 *
 * A part of admin.spec.ts, on the host app every part shares; last, since its clean-up and a
 * possible go-live change what the others read. Its browser switches to French for the last test.
 */
import path from "node:path"
import type { Locator } from "playwright-core"
import { switchLanguage } from "../support/admin-language"
import { adminSuite, type AdminSession, type SharedHost } from "../support/admin-session"

const LINE_IDS = ["email_templates", "email_delivery", "google_wallet", "database", "translations", "template_editors", "journeys", "program", "test_data", "background_work"]

const EN = {
  status: { ready: "Ready", ready_with_risks: "Ready with risks", not_ready: "Not ready" } as Record<string, string>,
  lines: {
    email_templates: "Email templates",
    email_delivery: "Email delivery",
    google_wallet: "Google Wallet",
    database: "Database",
    translations: "Translations",
    template_editors: "Who may edit templates",
    journeys: "User journeys",
    program: "Program",
    test_data: "Test data",
    background_work: "Background work",
  } as Record<string, string>,
}
const FR = {
  status: { ready: "Prêt", ready_with_risks: "Prêt avec risques", not_ready: "Pas prêt" } as Record<string, string>,
  lines: {
    email_templates: "Modèles d'e-mail",
    email_delivery: "Envoi des e-mails",
    google_wallet: "Google Wallet",
    database: "Base de données",
    translations: "Traductions",
    template_editors: "Qui peut modifier les modèles",
    journeys: "Parcours utilisateurs",
    program: "Programme",
    test_data: "Données de test",
    background_work: "Tâches en arrière-plan",
  } as Record<string, string>,
}

type Line = { id: string; status: string; summary: string; evidence: { label: string; value: unknown }[]; fix_path: string | null }
type Readiness = { status: string; went_live_at: string | null; lines: Line[] }

/** Registers the part's tests in the enclosing `describe`. */
export function goLiveTests(shared: SharedHost) {
  const suite = adminSuite(shared)
  let s: AdminSession
  let shots: string
  beforeAll(() => {
    s = suite.s
    shots = suite.shots
  })

  const row = (id: string): Locator => s.page.getByTestId(`rewardflow-readiness-${id}`)
  async function readiness(): Promise<Readiness> {
    const { status, body } = await s.api("GET", "/admin/loyalty/readiness")
    expect(status).toBe(200)
    return body
  }
  async function testData(): Promise<{ accounts: number; entries: number; orders: number }> {
    const { status, body } = await s.api("GET", "/admin/loyalty/test-data")
    expect(status).toBe(200)
    return body
  }
  /** Opens the page and returns the board the page itself was answered (the checks run at each read). */
  async function openBoard(): Promise<Readiness> {
    const answered = s.page.waitForResponse((r) => new URL(r.url()).pathname === "/admin/loyalty/readiness" && r.request().method() === "GET")
    await s.page.goto(s.url("/app/loyalty/go-live"))
    const res = await answered
    expect(res.status()).toBe(200)
    const board = (await res.json()) as Readiness
    await s.page.getByTestId("rewardflow-readiness").waitFor()
    return board
  }
  async function expectBoard(board: Readiness, texts: typeof EN) {
    await expect(s.page.getByTestId("rewardflow-readiness-status").textContent()).resolves.toBe(texts.status[board.status])
    expect(board.lines.map((l) => l.id)).toEqual(LINE_IDS)
    for (const line of board.lines) {
      const r = row(line.id)
      await r.getByText(texts.lines[line.id], { exact: true }).waitFor()
      await expect(r.getAttribute("data-status")).resolves.toBe(line.status)
      await r.getByText(texts.status[line.status], { exact: true }).waitFor()
      // The server's summary as given, in English whatever the admin's language.
      await expect(r.getByTestId(`rewardflow-readiness-${line.id}-summary`).textContent()).resolves.toBe(line.summary)
      for (const e of line.evidence) await r.getByText(e.label, { exact: true }).first().waitFor()
      if (line.fix_path) await expect(r.getByRole("link").getAttribute("href")).resolves.toBe(`/app${line.fix_path}`)
    }
  }

  it("shows the readiness board as the API answers it, in English", async () => {
    await s.login()
    const board = await openBoard()
    await s.page.getByRole("heading", { name: "Go live", level: 1, exact: true }).waitFor()
    await s.page.locator("nav").getByRole("link", { name: "Go live", exact: true }).waitFor()
    await expectBoard(board, EN)
    await expect(s.page.getByTestId("rewardflow-readiness-live").textContent()).resolves.toEqual(board.went_live_at ? expect.stringMatching(/^Live since /) : "Not live yet")
    await s.page.setViewportSize({ width: 1440, height: 3200 })
    await s.page.screenshot({ path: path.join(shots, "go-live-board.png"), animations: "disabled" })
    await s.page.setViewportSize({ width: 1440, height: 1000 })
  })

  it("records the real-device Wallet check with its note, and the board shows who did it", async () => {
    const me = (await s.api("GET", "/admin/users/me")).body.user
    const note = `Pixel 8, balance right after order ${Date.now().toString(36)}`
    const card = s.page.getByTestId("rewardflow-device-check")
    await card.getByLabel("Note", { exact: true }).fill(note)
    const posted = s.page.waitForResponse((r) => new URL(r.url()).pathname === "/admin/loyalty/readiness/wallet-device-check")
    const reread = s.page.waitForResponse((r) => new URL(r.url()).pathname === "/admin/loyalty/readiness" && r.request().method() === "GET")
    await card.getByRole("button", { name: "I checked a pass on a phone", exact: true }).click()
    expect((await posted).status()).toBe(201)
    await reread

    const recorded = `recorded by ${me.id}: ${note}`
    const wallet = (await readiness()).lines.find((l) => l.id === "google_wallet")!
    expect(wallet.evidence.map((e) => e.value)).toContain(recorded)
    await row("google_wallet").getByText(recorded, { exact: false }).waitFor()
    await expect(card.getByLabel("Note", { exact: true }).inputValue()).resolves.toBe("")
  })

  it("cleans up a test account after the confirmation, and nothing else", async () => {
    const customer = await s.api("POST", "/admin/customers", { email: `go-live-${Date.now().toString(36)}@rewardflow.test`, first_name: "Tom", last_name: "Test" })
    expect(customer.status).toBe(200)
    const enrolled = await s.api("POST", "/admin/loyalty/accounts", { customer_id: customer.body.customer.id })
    expect(enrolled.status).toBeLessThan(300)
    const testAccount: string = enrolled.body.account.id
    expect((await s.api("POST", `/admin/loyalty/accounts/${testAccount}/adjust`, { points: 40, reason: "Trial by hand" })).status).toBeLessThan(300)
    expect((await s.api("POST", `/admin/loyalty/accounts/${testAccount}`, { is_test: true })).status).toBe(200)
    const shopper = (await s.api("GET", `/admin/loyalty/accounts?customer_id=${suite.host.seed.shopper.customer_id}`)).body.accounts[0]
    const counts = await testData()
    expect(counts.accounts).toBeGreaterThanOrEqual(1)
    expect(counts.entries).toBeGreaterThanOrEqual(1)

    await openBoard()
    const card = s.page.getByTestId("rewardflow-test-data")
    await s.until("the counts", async () => (await card.getByTestId("rewardflow-stat-test-accounts").textContent()) === counts.accounts.toLocaleString("en"))
    await expect(card.getByTestId("rewardflow-stat-test-entries").textContent()).resolves.toBe(counts.entries.toLocaleString("en"))
    await card.getByRole("button", { name: "Clean up test data", exact: true }).click()
    const dialog = s.page.getByRole("alertdialog")
    await dialog.getByText("Clean up test data?", { exact: true }).waitFor()
    await dialog.getByText(`${counts.accounts} accounts, ${counts.entries} ledger entries and ${counts.orders} orders marked as test will be deleted.`, { exact: false }).waitFor()
    const cleaned = s.page.waitForResponse((r) => new URL(r.url()).pathname === "/admin/loyalty/test-data/clean-up")
    await dialog.getByRole("button", { name: "Clean up", exact: true }).click()
    const res = await cleaned
    expect(res.status()).toBe(200)
    const body = await res.json()
    expect(body.removed).toMatchObject({ accounts: counts.accounts, entries: counts.entries, orders: counts.orders })
    expect(body.invariants.drift).toBe(0)
    await card.getByText("The ledger's invariants hold (drift 0).", { exact: false }).waitFor()

    expect(await testData()).toEqual({ accounts: 0, entries: 0, orders: 0 })
    s.expectFailure(`GET /admin/loyalty/accounts/${testAccount} 404`)
    expect((await s.api("GET", `/admin/loyalty/accounts/${testAccount}`)).status).toBe(404)
    // The seeded shopper (not flagged) keeps the account and the balance.
    if (shopper && !shopper.is_test) expect((await s.api("GET", `/admin/loyalty/accounts/${shopper.id}`)).body.account.balance).toBe(shopper.balance)
  })

  it("keeps Go live off while a line is not ready, and the API refuses it naming the lines", async () => {
    const board = await openBoard()
    const blocking = board.lines.filter((l) => l.status === "not_ready").map((l) => l.id)
    const card = s.page.getByTestId("rewardflow-go-live")
    const channel = suite.host.seed.fixture.sales_channel_id
    await card.locator(`#rewardflow-go-live-channel-${channel}`).click()
    const button = card.getByRole("button", { name: "Go live", exact: true })
    if (blocking.length) {
      await expect(button.isDisabled()).resolves.toBe(true)
      await expect(card.getByTestId("rewardflow-go-live-blocked").textContent()).resolves.toBe(
        `Not possible while these lines are not ready: ${blocking.map((id) => EN.lines[id]).join(", ")}`
      )
      const refused = await s.api("POST", "/admin/loyalty/go-live", { confirm: true, sales_channel_ids: [channel] })
      expect(refused.status).toBe(409)
      expect(refused.body).toMatchObject({ type: "not_allowed", reason: "not_ready" })
      expect([...refused.body.lines].sort()).toEqual(expect.arrayContaining([...blocking].sort()))
      expect((await readiness()).went_live_at).toBeNull()
    } else {
      // Nothing blocks here: the real action, confirmed, and its stamp read back.
      await button.click()
      const live = s.page.waitForResponse((r) => new URL(r.url()).pathname === "/admin/loyalty/go-live")
      await s.page.getByRole("alertdialog").getByRole("button", { name: "Go live", exact: true }).click()
      expect((await live).status()).toBe(200)
      await s.page.getByTestId("rewardflow-readiness-live").getByText(/^Live since /).waitFor()
      expect((await readiness()).went_live_at).not.toBeNull()
    }
  })

  it("shows the board in French after the admin switches to Français", async () => {
    await switchLanguage(s, "Français")
    const board = await openBoard()
    await s.page.getByRole("heading", { name: "Mise en service", level: 1, exact: true }).waitFor()
    await s.page.locator("nav").getByRole("link", { name: "Mise en service", exact: true }).waitFor()
    for (const heading of ["État de préparation", "Vérifier une carte sur un téléphone", "Données de test"]) {
      await s.page.getByRole("heading", { name: heading, level: 2, exact: true }).waitFor()
    }
    await expectBoard(board, FR)
    await s.page.getByRole("button", { name: "J'ai vérifié une carte sur un téléphone", exact: true }).waitFor()
    await s.page.getByRole("button", { name: "Supprimer les données de test", exact: true }).waitFor()
    await s.page.getByRole("button", { name: "Mettre en service", exact: true }).waitFor()
    await s.page.setViewportSize({ width: 1440, height: 3200 })
    await s.page.screenshot({ path: path.join(shots, "go-live-board-fr.png"), animations: "disabled" })
    await s.page.setViewportSize({ width: 1440, height: 1000 })
  })
}
