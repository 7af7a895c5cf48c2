/**
 * The Loyalty page (src/admin/routes/loyalty) in the real Medusa admin, in headless Chromium:
 * the sidebar entry, the empty catalog, creating a fixed-amount and a free-product reward
 * through the form, the API's refusal shown in the form, editing, deactivating, deleting,
 * paging, and switching points-as-money on. Every change is checked through the admin API.
 *
 * A part of admin.spec.ts, on the host app every part shares (see support/host-app.ts). It runs
 * after the customer loyalty part, which reserved one of the demo's rewards but neither creates
 * nor deletes any: the catalog is still the demo's four when this part starts, and this part
 * then deletes them (soft: the reservation keeps its reward) and works from an empty one.
 */
import path from "node:path"
import type { Locator } from "playwright-core"
import { adminSuite, type AdminSession, type SharedHost } from "../support/admin-session"

type Reward = Record<string, any> & { id: string; name: Record<string, string> }

/** Registers the part's tests in the enclosing `describe`. */
export function rewardsTests(shared: SharedHost) {
  const suite = adminSuite(shared)
  let s: AdminSession
  let shots: string
  beforeAll(() => {
    s = suite.s
    shots = suite.shots
  })

  const rewardsCard = (): Locator => s.page.getByTestId("rewardflow-rewards")
  const row = (name: string): Locator => rewardsCard().locator("tbody tr", { hasText: name })
  /** The texts of a row's cells: name, type, cost, value, status, validity (and the menu). */
  const cells = async (name: string) => (await row(name).locator("td").allTextContents()).map((c) => c.trim())
  const modal = (): Locator => s.page.getByTestId("rewardflow-reward-form")

  async function allRewards(): Promise<Reward[]> {
    const { status, body } = await s.api("GET", "/admin/loyalty/rewards?limit=100")
    expect(status).toBe(200)
    return body.rewards
  }
  const rewardNamed = async (en: string) => (await allRewards()).find((r) => r.name.en === en)

  async function openLoyaltyPage() {
    await s.page.goto(s.url("/app/loyalty"))
    await rewardsCard().waitFor()
  }

  async function chooseOption(trigger: Locator, option: string | RegExp) {
    await trigger.click()
    await s.page.getByRole("option", { name: option }).click()
  }

  async function rowAction(name: string, action: string) {
    await rewardsCard().getByRole("button", { name: `Actions for ${name}`, exact: true }).click()
    await s.page.getByRole("menuitem", { name: action, exact: true }).click()
  }

  async function saveForm() {
    await modal().getByRole("button", { name: "Save", exact: true }).click()
  }


  it("logs in and opens Loyalty from the sidebar: the demo's catalog, then an empty one", async () => {
    await s.login()
    const seeded = (await s.api("GET", "/admin/loyalty/rewards")).body
    expect(seeded.count).toBe(4)

    await s.page.locator("nav").getByRole("link", { name: "Loyalty", exact: true }).click()
    await s.page.waitForURL((u) => u.pathname === "/app/loyalty")
    await rewardsCard().getByText("4 of 4 results", { exact: true }).waitFor()
    expect((await cells("5 EUR off"))[3]).toBe("5.00 EUR off")

    // The rest of the suite starts from an empty catalog.
    for (const r of seeded.rewards) expect((await s.api("DELETE", `/admin/loyalty/rewards/${r.id}`)).status).toBe(200)
    await openLoyaltyPage()
    await rewardsCard().getByText("No rewards yet").waitFor()
    await rewardsCard().getByRole("heading", { name: "Rewards" }).waitFor()
    await s.page.getByTestId("rewardflow-points-as-money").getByText("Off", { exact: true }).waitFor()
  })

  it("creates a fixed-amount reward with names in two languages, saved as entered", async () => {
    await rewardsCard().getByRole("button", { name: "Create" }).click()
    await modal().getByRole("heading", { name: "Create reward", level: 1 }).waitFor()
    await modal().getByLabel("Name", { exact: true }).fill("5 EUR off")
    await modal().getByLabel("Description", { exact: true }).fill("Five euros off your next order")
    await modal().getByRole("tab", { name: "French" }).click()
    await modal().getByLabel("Name", { exact: true }).fill("5 EUR de réduction")
    await modal().getByLabel("Cost in points").fill("100")
    // Fixed amount is the default type; only its fields are shown.
    await expect(modal().getByLabel("Percentage").count()).resolves.toBe(0)
    await modal().getByLabel("Discount (EUR)").fill("5")
    await modal().getByLabel("Minimum cart subtotal (EUR)").fill("20")
    await modal().getByLabel("Limit per customer").fill("2")
    await s.page.screenshot({ path: path.join(shots, "reward-create-fixed.png") })
    await saveForm()
    await modal().waitFor({ state: "hidden" })

    await row("5 EUR off").waitFor()
    expect(await cells("5 EUR off")).toEqual([
      "5 EUR offOrders from 20.00 EUR",
      "Fixed amount",
      "100 points",
      "5.00 EUR off",
      "Active",
      "Always",
      "",
    ])
    const saved = await rewardNamed("5 EUR off")
    expect(saved).toMatchObject({
      name: { en: "5 EUR off", fr: "5 EUR de réduction" },
      description: { en: "Five euros off your next order" },
      points_cost: 100,
      type: "fixed_amount",
      amounts: { eur: 5 },
      percentage: null,
      max_discount: null,
      variant_id: null,
      min_subtotal: { eur: 20 },
      starts_at: null,
      ends_at: null,
      per_customer_limit: 2,
      is_active: true,
    })
    expect(Object.keys(saved!.name).sort()).toEqual(["en", "fr"])
  })

  it("creates a free-product reward by searching the store's products", async () => {
    const { body } = await s.api("GET", "/admin/products?q=tote&fields=id,title,variants.id")
    const tote = body.products.find((p: any) => p.title === "RewardFlow Tote Bag")
    expect(tote.variants).toHaveLength(1)

    await rewardsCard().getByRole("button", { name: "Create" }).click()
    await modal().getByLabel("Name", { exact: true }).fill("Free tote bag")
    await modal().getByLabel("Cost in points").fill("250")
    await chooseOption(modal().getByLabel("Type"), "Free product")
    await expect(modal().getByLabel("Discount (EUR)").count()).resolves.toBe(0)
    await modal().getByLabel("Search products").fill("tote")
    await chooseOption(modal().getByLabel("Product", { exact: true }), /^RewardFlow Tote Bag/)
    await saveForm()
    await modal().waitFor({ state: "hidden" })

    await row("Free tote bag").waitFor()
    await s.until("the product title in the row", async () => (await cells("Free tote bag"))[3] === "Free RewardFlow Tote Bag")
    expect((await cells("Free tote bag")).slice(1, 5)).toEqual(["Free product", "250 points", "Free RewardFlow Tote Bag", "Active"])
    expect(await rewardNamed("Free tote bag")).toMatchObject({
      type: "free_product",
      points_cost: 250,
      variant_id: tote.variants[0].id,
      amounts: null,
      min_subtotal: null,
      is_active: true,
    })
  })

  it("shows the API's message when it refuses a reward, and saves nothing until it is fixed", async () => {
    const before = (await allRewards()).length
    // What the API says to a percentage reward without its percentage.
    const direct = await s.api("POST", "/admin/loyalty/rewards", { name: { en: "Ten percent" }, points_cost: 50, type: "percentage" })
    expect(direct.status).toBe(400)
    expect(direct.body.message).toMatch(/percentage is required/)

    s.expectFailure("POST /admin/loyalty/rewards 400")
    await rewardsCard().getByRole("button", { name: "Create" }).click()
    await modal().getByLabel("Name", { exact: true }).fill("Ten percent")
    await modal().getByLabel("Cost in points").fill("50")
    await chooseOption(modal().getByLabel("Type"), "Percentage")
    await saveForm()
    const error = modal().getByTestId("rewardflow-reward-error")
    await error.waitFor()
    await expect(error.textContent()).resolves.toBe(direct.body.message)
    await s.page.screenshot({ path: path.join(shots, "reward-refused.png") })
    expect((await allRewards()).length).toBe(before)

    await modal().getByLabel("Percentage").fill("10")
    await modal().getByLabel("Maximum discount (EUR)").fill("8")
    await saveForm()
    await modal().waitFor({ state: "hidden" })
    await row("Ten percent").waitFor()
    expect((await cells("Ten percent")).slice(1, 4)).toEqual(["Percentage", "50 points", "10% (max 8.00 EUR)"])
    expect(await rewardNamed("Ten percent")).toMatchObject({ type: "percentage", percentage: 10, max_discount: { eur: 8 }, amounts: null })
  })

  it("edits a reward's cost; its other fields stay as they were", async () => {
    const before = (await rewardNamed("5 EUR off"))!
    await rowAction("5 EUR off", "Edit")
    await modal().getByRole("heading", { name: "Edit reward", level: 1 }).waitFor()
    const cost = modal().getByLabel("Cost in points")
    await expect(cost.inputValue()).resolves.toBe("100")
    await expect(modal().getByLabel("Discount (EUR)").inputValue()).resolves.toBe("5")
    await cost.fill("150")
    await saveForm()
    await modal().waitFor({ state: "hidden" })

    await s.until("the new cost in the row", async () => (await cells("5 EUR off"))[2] === "150 points")
    const after = await rewardNamed("5 EUR off")
    expect(after).toEqual({ ...before, points_cost: 150, updated_at: expect.any(String) })
  })

  it("deactivates a reward from its row menu", async () => {
    await rowAction("Free tote bag", "Deactivate")
    await s.until("the Inactive badge", async () => (await cells("Free tote bag"))[4] === "Inactive")
    expect((await rewardNamed("Free tote bag"))!.is_active).toBe(false)
    const active = (await s.api("GET", "/admin/loyalty/rewards?is_active=true")).body.rewards.map((r: Reward) => r.name.en)
    expect(active.sort()).toEqual(["5 EUR off", "Ten percent"])
  })

  it("deletes a reward after confirmation", async () => {
    const doomed = (await rewardNamed("Ten percent"))!
    await rowAction("Ten percent", "Delete")
    const prompt = s.page.getByRole("alertdialog")
    await prompt.getByText("Ten percent will be removed from the catalog").waitFor()
    // Cancelling keeps it.
    await prompt.getByRole("button", { name: "Cancel" }).click()
    await prompt.waitFor({ state: "hidden" })
    expect((await s.api("GET", `/admin/loyalty/rewards/${doomed.id}`)).status).toBe(200)

    await rowAction("Ten percent", "Delete")
    await s.page.getByRole("alertdialog").getByRole("button", { name: "Delete", exact: true }).click()
    await row("Ten percent").waitFor({ state: "detached" })
    expect((await s.api("GET", `/admin/loyalty/rewards/${doomed.id}`)).status).toBe(404)
    expect((await allRewards()).map((r) => r.name.en).sort()).toEqual(["5 EUR off", "Free tote bag"])
  })

  it("pages through a catalog longer than one page", async () => {
    for (let i = 1; i <= 10; i++) {
      const created = await s.api("POST", "/admin/loyalty/rewards", { name: { en: `Bulk ${i}` }, points_cost: i, type: "free_shipping" })
      expect(created.status).toBe(201)
    }
    await openLoyaltyPage()
    // Newest first: Bulk 10 .. Bulk 1 on the first page, then the two made in the browser.
    await rewardsCard().getByText("10 of 12 results", { exact: true }).waitFor()
    await rewardsCard().getByText("1 of 2 pages", { exact: true }).waitFor()
    expect(await rewardsCard().locator("tbody tr").count()).toBe(10)
    await row("Bulk 10").waitFor()
    await rewardsCard().getByRole("button", { name: "Next" }).click()
    await rewardsCard().getByText("2 of 2 pages", { exact: true }).waitFor()
    await rewardsCard().getByText("12 of 12 results", { exact: true }).waitFor()
    await row("Free tote bag").waitFor()
    expect(await rewardsCard().locator("tbody tr").count()).toBe(2)
    expect((await cells("Free tote bag"))[4]).toBe("Inactive")
    await rewardsCard().screenshot({ path: path.join(shots, "rewards-list.png"), animations: "disabled" })
  })

  it("switches points as money on with a value per point and a cart share", async () => {
    const card = s.page.getByTestId("rewardflow-points-as-money")
    await card.getByLabel("Enabled").click()
    await card.getByLabel("Value of one point (EUR)").fill("0.01")
    await card.getByLabel("Largest share of the cart").fill("50")
    await card.getByRole("button", { name: "Save" }).click()
    await card.getByText("On: 1 point = 0.01 EUR, up to 50% of the cart").waitFor()

    const { body } = await s.api("GET", "/admin/loyalty/program")
    expect(body.program.points_as_money).toEqual({ enabled: true, value_per_point: { eur: 0.01 }, max_cart_share: 0.5 })

    // After a reload the form shows what is stored.
    await openLoyaltyPage()
    await card.getByText("On: 1 point = 0.01 EUR, up to 50% of the cart").waitFor()
    await expect(card.getByLabel("Largest share of the cart").inputValue()).resolves.toBe("50")
    await expect(card.getByRole("switch", { name: "Enabled" }).getAttribute("aria-checked")).resolves.toBe("true")
    await card.screenshot({ path: path.join(shots, "points-as-money.png"), animations: "disabled" })
  })
}
