/**
 * Loyalty > Program, the tiers (src/admin/components/program/tiers-section.tsx) in the real Medusa
 * admin, in headless Chromium: the sidebar entry under Loyalty, the empty table, creating a tier
 * with a French name in the drawer, the API's refusal of a multiplier of 20 shown under the
 * multiplier field, deleting after a confirmation; and the customer widget's tier, pending
 * points, birthday and referral code as the account view has them. Every change is checked
 * through the admin API.
 *
 * A part of admin.spec.ts, on the host app every part shares. It runs after the other parts and
 * creates the program's first tiers; the languages part after it reads the tier made here.
 */
import path from "node:path"
import type { Locator } from "playwright-core"
import { adminSuite, STEP_TIMEOUT, type AdminSession, type SharedHost } from "../support/admin-session"
import type { HostApp } from "../support/host-app"

type Tier = { id: string; name: Record<string, string>; perks: Record<string, string> | null; threshold: number; multiplier: number; color: string | null; member_count: number }

/** Registers the part's tests in the enclosing `describe`. */
export function programTiersTests(shared: SharedHost) {
  const suite = adminSuite(shared)
  let host: HostApp
  let s: AdminSession
  let shots: string
  beforeAll(() => {
    host = suite.host
    s = suite.s
    shots = suite.shots
  })

  const section = (): Locator => s.page.getByTestId("rewardflow-tiers")
  const drawer = (): Locator => s.page.getByTestId("rewardflow-tier-form")
  const row = (name: string): Locator => section().locator("tbody tr", { hasText: name })
  const cells = async (name: string) => (await row(name).locator("td").allTextContents()).map((c) => c.trim())
  async function tiers(): Promise<Tier[]> {
    const { status, body } = await s.api("GET", "/admin/loyalty/tiers")
    expect(status).toBe(200)
    return body.tiers
  }
  async function rowAction(name: string, action: string) {
    await section().getByRole("button", { name: `Actions for ${name}`, exact: true }).click()
    await s.page.getByRole("menuitem", { name: action, exact: true }).click()
  }

  it("opens Program under Loyalty in the sidebar: no tiers yet", async () => {
    await s.login()
    expect(await tiers()).toEqual([])
    await s.page.goto(s.url("/app/loyalty"))
    await s.page.getByTestId("rewardflow-rewards").waitFor()
    // A route below a route with a label is its item in the sidebar.
    await s.page.locator("nav").getByRole("link", { name: "Program", exact: true }).click()
    await s.page.waitForURL((u) => u.pathname === "/app/loyalty/program")
    await s.page.getByRole("heading", { name: "Program", level: 1 }).waitFor()
    await section().getByText("No tiers yet").waitFor()
    for (const heading of ["Tiers", "Tier rules", "Pending points", "Birthday bonus", "Referrals", "Expiry"]) {
      await s.page.getByRole("heading", { name: heading, exact: true, level: 2 }).waitFor()
    }
  })

  it("creates a tier with an English and a French name, perks, a multiplier and a colour", async () => {
    await section().getByRole("button", { name: "Create tier" }).click()
    await drawer().getByRole("heading", { name: "Create tier" }).waitFor()
    await drawer().getByLabel("Name", { exact: true }).fill("Gold")
    await drawer().getByLabel("Perks", { exact: true }).fill("Free shipping on every order")
    await drawer().getByRole("tab", { name: "French" }).click()
    await drawer().getByLabel("Name", { exact: true }).fill("Or")
    await drawer().getByLabel("Perks", { exact: true }).fill("Livraison offerte sur chaque commande")
    await drawer().getByLabel("Threshold").fill("1000")
    await drawer().getByLabel("Earn multiplier").fill("1.5")
    await drawer().getByLabel("Colour").fill("#c9a227")
    await s.page.screenshot({ path: path.join(shots, "program-tier-create.png") })
    await drawer().getByRole("button", { name: "Save", exact: true }).click()
    await drawer().waitFor({ state: "hidden" })

    await row("Gold").waitFor()
    expect(await cells("Gold")).toEqual(["GoldFree shipping on every order", "1,000", "×1.50", "#C9A227", "0", ""])
    const [gold] = await tiers()
    expect(gold).toMatchObject({
      name: { en: "Gold", fr: "Or" },
      perks: { en: "Free shipping on every order", fr: "Livraison offerte sur chaque commande" },
      threshold: 1000,
      multiplier: 1.5,
      color: "#C9A227",
      member_count: 0,
    })
    expect(Object.keys(gold.name).sort()).toEqual(["en", "fr"])
  })

  it("shows the API's message under the multiplier when it refuses 20, and saves once it is fixed", async () => {
    const before = (await tiers())[0]
    // What the API says to a multiplier of 20.
    const direct = await s.api("POST", `/admin/loyalty/tiers/${before.id}`, { multiplier: 20 })
    expect(direct.status).toBe(400)
    expect(direct.body).toMatchObject({ field: "multiplier", message: "Invalid request: multiplier must be at most 10, got 20" })

    s.expectFailure(`POST /admin/loyalty/tiers/${before.id} 400`)
    await rowAction("Gold", "Edit")
    await drawer().getByRole("heading", { name: "Edit tier" }).waitFor()
    const multiplier = drawer().getByLabel("Earn multiplier")
    await expect(multiplier.inputValue()).resolves.toBe("1.5")
    await multiplier.fill("20")
    await drawer().getByRole("button", { name: "Save", exact: true }).click()
    const error = drawer().getByTestId("rewardflow-tier-multiplier-error")
    await error.waitFor()
    await expect(error.textContent()).resolves.toBe("multiplier must be at most 10, got 20")
    await s.page.screenshot({ path: path.join(shots, "program-tier-multiplier-refused.png") })
    expect((await tiers())[0]).toEqual(before)

    await multiplier.fill("2")
    await expect(error.count()).resolves.toBe(0) // an edit clears the old message
    await drawer().getByRole("button", { name: "Save", exact: true }).click()
    await drawer().waitFor({ state: "hidden" })
    await s.until("the new multiplier in the row", async () => (await cells("Gold"))[2] === "×2.00")
    expect((await tiers())[0]).toEqual({ ...before, multiplier: 2, updated_at: expect.any(String) })
  })

  it("deletes a tier after confirmation", async () => {
    const silver = await s.api("POST", "/admin/loyalty/tiers", { name: { en: "Silver" }, threshold: 300, multiplier: 1.25 })
    expect(silver.status).toBe(200)
    await s.page.reload()
    // Lowest threshold first.
    await row("Silver").waitFor()
    expect(await section().locator("tbody tr td:first-child").allTextContents()).toEqual(["Silver", "GoldFree shipping on every order"])

    await rowAction("Silver", "Delete")
    const prompt = s.page.getByRole("alertdialog")
    await prompt.getByText("Silver will be removed. A tier that members hold cannot be deleted.").waitFor()
    await prompt.getByRole("button", { name: "Delete", exact: true }).click()
    await row("Silver").waitFor({ state: "detached" })
    expect((await tiers()).map((t) => t.name.en)).toEqual(["Gold"])
    expect((await s.api("GET", `/admin/loyalty/tiers/${silver.body.tier.id}`)).status).toBe(404)
    await section().screenshot({ path: path.join(shots, "program-tiers.png"), animations: "disabled" })
  })

  it("shows the member's tier, pending points, birthday and referral code on the customer page", async () => {
    const { body } = await s.api("GET", `/admin/loyalty/accounts?customer_id=${host.seed.shopper.customer_id}`)
    const accountId = body.accounts[0].id
    const set = await s.api("POST", `/admin/loyalty/accounts/${accountId}`, { birthday: { month: 3, day: 14 } })
    expect(set.status).toBe(200)
    const { account } = (await s.api("GET", `/admin/loyalty/accounts/${accountId}`)).body
    expect(account.birthday).toEqual({ month: 3, day: 14 })
    expect(account.referral_code).toEqual(expect.any(String))

    await s.page.goto(s.url(`/app/customers/${host.seed.shopper.customer_id}`))
    const widget = s.page.getByTestId("rewardflow-customer-loyalty")
    await widget.getByTestId("rewardflow-referral-code").waitFor({ timeout: STEP_TIMEOUT })
    await expect(widget.getByTestId("rewardflow-referral-code").textContent()).resolves.toBe(account.referral_code)
    await expect(widget.getByTestId("rewardflow-birthday").textContent()).resolves.toBe("March 14")
    await expect(widget.getByTestId("rewardflow-tier").textContent()).resolves.toBe(account.tier ? account.tier.name.en : "No tier")
    const pending = account.points_pending as number
    await expect(widget.getByTestId("rewardflow-pending").textContent()).resolves.toBe(`${pending.toLocaleString("en-US")} point${pending === 1 ? "" : "s"}`)
    await widget.screenshot({ path: path.join(shots, "customer-loyalty-program-depth.png") })
  })
}
