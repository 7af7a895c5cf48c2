/**
 * Loyalty > Members (src/admin/routes/loyalty/members) and the member page in the real Medusa
 * admin, in headless Chromium: a member of the part's own is found by card number and by email,
 * their page shows the card as a barcode and a QR code, points are adjusted with a reason, the
 * member is blocked and unblocked with reasons and flagged as test data and back, each checked
 * through the API; the customer widget shows the translated status and links to the page; then
 * the labels in French and German.
 *
 * A part of admin.spec.ts, on the host app every part shares; it reads and changes only the
 * member it creates (the seeded shopper is left as it is). Its browser switches to French and
 * German (other parts' browsers keep English).
 */
import path from "node:path"
import type { Locator } from "playwright-core"
import { switchLanguage } from "../support/admin-language"
import { adminSuite, type AdminSession, type SharedHost } from "../support/admin-session"

const ADJUST = 75

/** Registers the part's tests in the enclosing `describe`. */
export function membersTests(shared: SharedHost) {
  const suite = adminSuite(shared)
  let s: AdminSession
  let shots: string
  beforeAll(() => {
    s = suite.s
    shots = suite.shots
  })
  const member = { email: `members-${Date.now().toString(36)}@rewardflow.test`, first_name: "Lena", last_name: "Hoffmann" }
  let customerId: string
  let account: { id: string; card_number: string; card_number_formatted: string }

  const digits = (text: string | null) => Number((text ?? "").replace(/[^\d-]/g, ""))
  const detail = async () => {
    const { status, body } = await s.api("GET", `/admin/loyalty/accounts/${account.id}`)
    expect(status).toBe(200)
    return body
  }
  const rows = (): Locator => s.page.getByTestId("rewardflow-members").locator("tbody tr")
  async function search(text: string) {
    const box = s.page.getByTestId("rewardflow-members").getByPlaceholder("Name, email or card number", { exact: true })
    const asked = s.page.waitForRequest((r) => {
      const u = new URL(r.url())
      return u.pathname === "/admin/loyalty/accounts" && u.searchParams.get("q") === text.trim()
    })
    await box.fill(text)
    await asked
    await s.until(`one row for ${text}`, async () => (await rows().count()) === 1 && ((await rows().first().textContent()) ?? "").includes(member.email))
  }
  async function openMember() {
    await s.page.goto(s.url(`/app/loyalty/members/${account.id}`))
    await s.page.getByTestId("rewardflow-member-page").waitFor()
  }
  /** A symbol drawn on the page: an svg with a real size. */
  async function expectDrawn(testId: string) {
    const svg = s.page.getByTestId(testId).locator("svg")
    await svg.waitFor()
    const box = await svg.boundingBox()
    expect(box && box.width > 20 && box.height > 20).toBe(true)
    await expect(svg.locator("path").count()).resolves.toBeGreaterThan(0)
  }

  it("creates a member of its own through the admin API", async () => {
    await s.login()
    const customer = await s.api("POST", "/admin/customers", member)
    expect(customer.status).toBe(200)
    customerId = customer.body.customer.id
    const enrolled = await s.api("POST", "/admin/loyalty/accounts", { customer_id: customerId })
    expect(enrolled.status).toBeLessThan(300)
    account = enrolled.body.account
  })

  it("finds the member by card number and by email, and opens their page", async () => {
    await s.page.goto(s.url("/app/loyalty/members"))
    await s.page.getByRole("heading", { name: "Members", level: 1, exact: true }).waitFor()
    await s.page.locator("nav").getByRole("link", { name: "Members", exact: true }).waitFor()
    await s.page.getByLabel("Status", { exact: true }).waitFor()
    await s.page.getByLabel("Tier", { exact: true }).waitFor()

    await search(account.card_number_formatted)
    await expect(rows().first().textContent()).resolves.toContain(`${member.first_name} ${member.last_name}`)
    await search(member.email.toUpperCase())
    await rows().first().getByText("Active", { exact: true }).waitFor()
    await s.page.screenshot({ path: path.join(shots, "members-list.png"), animations: "disabled" })

    await rows().first().click()
    await s.page.waitForURL((u) => u.pathname === `/app/loyalty/members/${account.id}`)
    await s.page.getByRole("heading", { name: `${member.first_name} ${member.last_name}`, level: 1, exact: true }).waitFor()
  })

  it("shows the card as a barcode and a QR code, the points and the Wallet pass", async () => {
    await expectDrawn("rewardflow-member-barcode")
    await expectDrawn("rewardflow-member-qr")
    await expect(s.page.getByTestId("rewardflow-member-card-number").textContent()).resolves.toBe(account.card_number_formatted)
    const view = await detail()
    for (const [id, value] of [
      ["balance", view.account.balance],
      ["reserved", view.account.points_reserved],
      ["owed", view.account.points_owed],
      ["pending", view.account.points_pending],
      ["lifetime", view.account.lifetime_earned],
    ] as const) {
      await expect(s.page.getByTestId(`rewardflow-member-${id}`).textContent().then(digits)).resolves.toBe(value)
    }
    await expect(s.page.getByTestId("rewardflow-member-tier").textContent()).resolves.toBe(view.account.tier ? view.account.tier.name.en : "No tier")
    await expect(s.page.getByTestId("rewardflow-wallet-state").textContent()).resolves.toBe(view.wallet_pass.issued ? expect.any(String) : "Not issued")
  })

  it("adjusts points with a reason: the API has the entry, the ledger names the admin", async () => {
    const me = (await s.api("GET", "/admin/users/me")).body.user
    const before = (await detail()).account.balance
    await s.page.getByTestId("rewardflow-member-summary").getByRole("button", { name: "Adjust points", exact: true }).click()
    const drawer = s.page.getByRole("dialog")
    await drawer.getByLabel("Points", { exact: true }).fill(String(ADJUST))
    await drawer.getByLabel("Reason", { exact: true }).fill("Members screen goodwill")
    await drawer.getByRole("button", { name: "Save", exact: true }).click()
    await drawer.waitFor({ state: "hidden" })

    const view = await detail()
    expect(view.account.balance).toBe(before + ADJUST)
    expect(view.entries[0]).toMatchObject({ type: "adjust", points: ADJUST, reason: "Members screen goodwill", actor_user_id: me.id })
    await s.until("the balance to show", async () => digits(await s.page.getByTestId("rewardflow-member-balance").textContent()) === before + ADJUST)
    const row = s.page.getByTestId("rewardflow-member-ledger").locator("tbody tr").first()
    await row.getByText("Adjustment", { exact: true }).waitFor()
    await row.getByText(`+${ADJUST}`, { exact: true }).waitFor()
    await row.getByText("Members screen goodwill", { exact: true }).waitFor()
    const name = [me.first_name, me.last_name].filter(Boolean).join(" ") || me.email
    await row.getByText(`Admin ${name}`, { exact: true }).waitFor()
  })

  it("blocks and unblocks the member with a reason, after a confirmation", async () => {
    const card = s.page.getByTestId("rewardflow-member-status-card")
    for (const [button, reason, status, badge] of [
      ["Block", "Card reported stolen", "blocked", "Blocked"],
      ["Unblock", "Card found again", "active", "Active"],
    ] as const) {
      await card.getByLabel("Reason", { exact: true }).fill(reason)
      await card.getByRole("button", { name: button, exact: true }).click()
      const prompt = s.page.getByRole("alertdialog")
      await prompt.getByText(reason, { exact: false }).waitFor()
      const posted = s.page.waitForResponse((r) => new URL(r.url()).pathname === `/admin/loyalty/accounts/${account.id}` && r.request().method() === "POST")
      await prompt.getByRole("button", { name: button, exact: true }).click()
      expect((await posted).status()).toBe(200)
      const view = await detail()
      expect(view.account.status).toBe(status)
      expect(view.account.status_history[0]).toMatchObject({ status, reason })
      await s.until(`the badge to say ${badge}`, async () => ((await card.getByTestId("rewardflow-member-status").textContent()) ?? "") === badge)
      await card.getByTestId("rewardflow-member-status-history").getByText(reason, { exact: false }).waitFor()
    }
    await s.page.setViewportSize({ width: 1440, height: 1800 })
    await s.page.screenshot({ path: path.join(shots, "member-page.png"), animations: "disabled" })
    await s.page.setViewportSize({ width: 1440, height: 1000 })
  })

  it("flags the member as test data and back, with the clean-up explained", async () => {
    const toggle = s.page.getByLabel("Test data", { exact: true })
    await s.page.getByText("the go-live clean-up removes test data", { exact: false }).waitFor()
    for (const expected of [true, false]) {
      const posted = s.page.waitForResponse((r) => new URL(r.url()).pathname === `/admin/loyalty/accounts/${account.id}` && r.request().method() === "POST")
      await toggle.click()
      expect((await posted).status()).toBe(200)
      expect((await detail()).account.is_test).toBe(expected)
      await s.until("the switch to follow", async () => (await toggle.getAttribute("aria-checked")) === String(expected))
    }
  })

  it("the customer widget shows the translated status first and links to the member page", async () => {
    await s.page.goto(s.url(`/app/customers/${customerId}`))
    const widget = s.page.getByTestId("rewardflow-customer-loyalty")
    await widget.waitFor()
    await expect(widget.getByTestId("rewardflow-member-status").textContent()).resolves.toBe("Active")
    // At first sight: Medusa 2.21 lays the customer page out in two columns and puts every widget of
    // the main column after its own cards (the JSON and metadata cards last); in the side column the
    // widget sits under the address card, inside the first screen.
    const [box, heading] = await Promise.all([
      widget.boundingBox(),
      s.page.getByRole("heading", { name: member.email, exact: true }).first().boundingBox({ timeout: 10_000 }),
    ])
    expect(box!.x).toBeGreaterThan(heading!.x + 200)
    expect(box!.y + 120).toBeLessThan(s.page.viewportSize()!.height)
    const link = widget.getByTestId("rewardflow-member-link")
    await expect(link.getAttribute("href")).resolves.toBe(`/app/loyalty/members/${account.id}`)
    await link.click()
    await s.page.waitForURL((u) => u.pathname === `/app/loyalty/members/${account.id}`)
    await s.page.getByTestId("rewardflow-member-card").waitFor()
  })

  for (const [language, texts] of [
    ["Français", { menu: "Membres", card: "Carte de fidélité", ledger: "Historique des points", status: "Actif", balance: "Solde", search: "Nom, e-mail ou numéro de carte", test: "Données de test", adjust: "Ajustement" }],
    ["Deutsch", { menu: "Mitglieder", card: "Kundenkarte", ledger: "Punkteverlauf", status: "Aktiv", balance: "Guthaben", search: "Name, E-Mail oder Kartennummer", test: "Testdaten", adjust: "Korrektur" }],
  ] as const) {
    it(`shows the list, the member page and the widget in ${language}`, async () => {
      await switchLanguage(s, language)
      await s.page.goto(s.url("/app/loyalty/members"))
      await s.page.getByRole("heading", { name: texts.menu, level: 1, exact: true }).waitFor()
      await s.page.locator("nav").getByRole("link", { name: texts.menu, exact: true }).waitFor()
      await s.page.getByPlaceholder(texts.search, { exact: true }).waitFor()

      await openMember()
      await s.page.getByRole("heading", { name: texts.card, level: 2, exact: true }).waitFor()
      await s.page.getByRole("heading", { name: texts.ledger, level: 2, exact: true }).waitFor()
      await s.page.getByTestId("rewardflow-member-summary").getByText(texts.balance, { exact: true }).waitFor()
      await s.page.getByLabel(texts.test, { exact: true }).waitFor()
      await expect(s.page.getByTestId("rewardflow-member-summary").getByTestId("rewardflow-member-status").textContent()).resolves.toBe(texts.status)
      await s.page.getByTestId("rewardflow-member-ledger").getByText(texts.adjust, { exact: true }).first().waitFor()

      await s.page.goto(s.url(`/app/customers/${customerId}`))
      const widget = s.page.getByTestId("rewardflow-customer-loyalty")
      await s.until("the widget's status", async () => ((await widget.getByTestId("rewardflow-member-status").textContent().catch(() => "")) ?? "") === texts.status)
    })
  }
}
