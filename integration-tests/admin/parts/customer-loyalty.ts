/**
 * The customer loyalty widget (src/admin/widgets/customer-loyalty.tsx) and the order loyalty
 * widget (src/admin/widgets/order-loyalty.tsx) in the real Medusa admin, in headless Chromium:
 * login, balance and card of the seeded shopper, a manual adjustment, a refused overdraft with
 * the API's message in the drawer, the points one of the shopper's orders earned, the Google
 * Wallet line and a reward the shopper reserved through the store API, and enrolling a new customer.
 *
 * A part of admin.spec.ts, which starts the one host app (see support/host-app.ts) that every part
 * shares, runs this part first (it needs the seeded shopper's balance and the demo's rewards as the
 * seed left them) and says what the parts leave to each other.
 */
import path from "node:path"
import type { Locator } from "playwright-core"
import { adminSuite, STEP_TIMEOUT, type AdminSession, type SharedHost } from "../support/admin-session"
import type { HostApp } from "../support/host-app"

type Account = {
  id: string
  customer_id: string
  balance: number
  card_number_formatted: string
  status: string
}

/** Registers the part's tests in the enclosing `describe`. */
export function customerLoyaltyTests(shared: SharedHost) {
  const suite = adminSuite(shared)
  let host: HostApp
  let s: AdminSession
  let shots: string
  beforeAll(() => {
    host = suite.host
    s = suite.s
    shots = suite.shots
  })
  let shopperId: string

  async function accountOf(customerId: string): Promise<Account | undefined> {
    const { status, body } = await s.api("GET", `/admin/loyalty/accounts?customer_id=${customerId}`)
    expect(status).toBe(200)
    return body.accounts[0]
  }

  const widget = (): Locator => s.page.getByTestId("rewardflow-customer-loyalty")
  const points = (text: string | null) => Number((text ?? "").replace(/[^\d-]/g, ""))
  const balanceShown = async () => points(await widget().getByTestId("rewardflow-balance").textContent())

  async function openCustomer(customerId: string) {
    await s.page.goto(s.url(`/app/customers/${customerId}`))
    await widget().waitFor({ timeout: STEP_TIMEOUT })
    await s.until("the widget to load", async () => (await widget().getByText("Loading…").count()) === 0)
  }


  it("logs in to the admin as the seeded admin", async () => {
    await s.login()
    const me = await s.api("GET", "/admin/users/me")
    expect(me.status).toBe(200)
    expect(me.body.user.email).toBe(host.adminEmail)
  })

  it("shows the seeded shopper's balance and card number, as the API has them", async () => {
    const { body } = await s.api("GET", `/admin/customers?q=${encodeURIComponent(host.seed.shopper.email)}`)
    const customer = body.customers.find((c: any) => c.email === host.seed.shopper.email)
    expect(customer?.id).toBe(host.seed.shopper.customer_id)
    shopperId = customer.id

    const account = (await accountOf(shopperId))!
    expect(account).toBeDefined()
    expect(account.balance).toBeGreaterThan(0) // the seed's two orders earned points

    await openCustomer(shopperId)
    await s.until("the balance", async () => (await balanceShown()) === account.balance)
    await expect(widget().getByTestId("rewardflow-card-number").textContent()).resolves.toBe(
      account.card_number_formatted
    )
    expect(account.card_number_formatted).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/)
    // The two orders' points are in the recent list, as the API lists them.
    const { body: detail } = await s.api("GET", `/admin/loyalty/accounts/${account.id}?limit=10`)
    const earned = detail.entries.filter((e: any) => e.type === "earn")
    expect(earned.length).toBeGreaterThanOrEqual(2)
    const rows = widget().getByTestId("rewardflow-recent-points").locator("tbody tr")
    expect(await rows.count()).toBe(detail.entries.length)
    for (const [i, entry] of detail.entries.entries()) {
      const cells = (await rows.nth(i).locator("td").allTextContents()).map((t) => t.trim())
      expect(cells.slice(1)).toEqual([
        entry.type === "earn" ? "Earned" : expect.any(String),
        entry.reason ?? (entry.source_type === "order" ? entry.source_id : ""),
        `${entry.points > 0 ? "+" : ""}${entry.points}`,
      ])
    }
  })

  it("adds points through the Adjust points drawer", async () => {
    const before = (await accountOf(shopperId))!
    const reason = `Goodwill from the browser test ${Date.now().toString(36)}`

    await widget().getByRole("button", { name: "Adjust points" }).click()
    const drawer = s.page.getByRole("dialog")
    await drawer.waitFor()
    await drawer.getByText(`Current balance: ${before.balance.toLocaleString("en-US")} points`).waitFor()
    await drawer.getByLabel("Points").fill("25")
    await drawer.getByLabel("Reason").fill(reason)
    await drawer.getByRole("button", { name: "Save" }).click()
    await drawer.waitFor({ state: "hidden" })

    await s.until("the new balance in the widget", async () => (await balanceShown()) === before.balance + 25)
    const row = widget().locator("tbody tr", { hasText: reason })
    await row.waitFor()
    await expect(row.textContent()).resolves.toMatch(/Adjustment.*\+25$/)

    const after = (await accountOf(shopperId))!
    expect(after.balance).toBe(before.balance + 25)
    const detail = await s.api("GET", `/admin/loyalty/accounts/${after.id}?limit=50`)
    const entries = detail.body.entries.filter((e: any) => e.reason === reason)
    expect(entries).toHaveLength(1) // one Save, one entry
    expect(entries[0]).toMatchObject({ type: "adjust", points: 25, balance_after: before.balance + 25 })

    await widget().screenshot({ path: path.join(shots, "customer-loyalty-shopper.png") })
  })

  it("shows the API's message when an adjustment would take the balance below zero", async () => {
    const before = (await accountOf(shopperId))!
    const { body: beforeDetail } = await s.api("GET", `/admin/loyalty/accounts/${before.id}`)
    const take = -(before.balance + 1000)

    // What the API says to this request (refused: it changes nothing).
    const direct = await s.api("POST", `/admin/loyalty/accounts/${before.id}/adjust`, {
      points: take,
      reason: "overdraft through the API",
    })
    expect(direct.status).toBe(400)
    expect(direct.body.message).toMatch(/^Not enough points/)

    s.expectFailure(`POST /admin/loyalty/accounts/${before.id}/adjust 400`)
    await widget().getByRole("button", { name: "Adjust points" }).click()
    const drawer = s.page.getByRole("dialog")
    await drawer.waitFor()
    await drawer.getByLabel("Points").fill(String(take))
    await drawer.getByLabel("Reason").fill("Too much, must be refused")
    await drawer.getByRole("button", { name: "Save" }).click()
    const error = drawer.getByTestId("rewardflow-adjust-error")
    await error.waitFor()
    await expect(error.textContent()).resolves.toBe(direct.body.message)
    await s.page.screenshot({ path: path.join(shots, "adjust-points-refused.png") })

    await drawer.getByRole("button", { name: "Cancel" }).click()
    await drawer.waitFor({ state: "hidden" })
    expect(await balanceShown()).toBe(before.balance)
    const after = (await accountOf(shopperId))!
    expect(after.balance).toBe(before.balance)
    const { body: afterDetail } = await s.api("GET", `/admin/loyalty/accounts/${before.id}`)
    expect(afterDetail.entries_count).toBe(beforeDetail.entries_count)
  })

  it("shows on one of the shopper's orders the points it earned and the shopper's card, as the API has them", async () => {
    const orderId = host.seed.orders.placed[0]
    expect(orderId).toBeDefined()
    const { body: view } = await s.api("GET", `/admin/loyalty/orders/${orderId}`)
    const account = (await accountOf(shopperId))!
    // The ledger's own record of the order: one earn entry whose source is the order.
    const { body: earned } = await s.api("GET", `/admin/loyalty/accounts/${account.id}?type=earn&limit=100`)
    const entry = earned.entries.find((e: any) => e.source_type === "order" && e.source_id === orderId)
    expect(entry.points).toBeGreaterThan(0)
    expect(view.points).toEqual({ earned: entry.points, reversed: 0, net: entry.points, owed: 0 })
    expect(view.account.id).toBe(account.id)

    await s.page.goto(s.url(`/app/orders/${orderId}`))
    const order = s.page.getByTestId("rewardflow-order-loyalty")
    await order.waitFor({ timeout: STEP_TIMEOUT })
    const earnedShown = order.getByTestId("rewardflow-order-earned")
    await earnedShown.waitFor()
    await expect(earnedShown.textContent()).resolves.toBe(`+${entry.points}`)
    await expect(order.getByTestId("rewardflow-order-card").textContent()).resolves.toBe(account.card_number_formatted)
    expect(points(await order.getByTestId("rewardflow-order-balance").textContent())).toBe(account.balance)
    await order.getByText("No rewards redeemed on this order.").waitFor()
    await expect(order.getByTestId("rewardflow-order-reversed").count()).resolves.toBe(0)
    await order.screenshot({ path: path.join(shots, "order-loyalty.png") })

    await order.getByRole("link", { name: "View customer" }).click()
    await s.page.waitForURL((u) => u.pathname === `/app/customers/${shopperId}`)
    await widget().waitFor()
  })

  it("shows the Google Wallet line and a reward the shopper reserved through the store API", async () => {
    const store = async (method: "GET" | "POST", p: string, token?: string, body?: unknown) => {
      const res = await fetch(s.url(p), {
        method,
        headers: {
          "content-type": "application/json",
          "x-publishable-api-key": host.seed.fixture.publishable_key,
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      const json: any = await res.json()
      if (res.status >= 400) throw new Error(`${method} ${p} answered ${res.status}: ${json.message}`)
      return { status: res.status, body: json }
    }
    const login = await store("POST", "/auth/customer/emailpass", undefined, { email: host.shopperEmail, password: host.shopperPassword })
    const token: string = login.body.token
    const { body: catalog } = await store("GET", "/store/loyalty/rewards", token)
    const reward = catalog.rewards.find((r: any) => r.type === "fixed_amount" && r.affordable)
    expect(reward).toBeDefined()
    const { body: created } = await store("POST", "/store/carts", token, {
      region_id: host.seed.fixture.region_id,
      sales_channel_id: host.seed.fixture.sales_channel_id,
    })
    const cartId: string = created.cart.id
    await store("POST", `/store/carts/${cartId}/line-items`, token, { variant_id: host.seed.fixture.variants[2].id, quantity: 1 })
    const applied = await store("POST", `/store/carts/${cartId}/loyalty/redemptions`, token, { reward_id: reward.id })
    expect(applied.status).toBe(201)
    const redemption = applied.body.redemption
    expect(redemption.status).toBe("reserved")

    const { body: listed } = await s.api("GET", `/admin/loyalty/redemptions?customer_id=${shopperId}`)
    expect(listed.redemptions[0]).toMatchObject({ id: redemption.id, status: "reserved", cart_id: cartId, points: reward.points_cost })
    const account = (await accountOf(shopperId))!
    const { body: detail } = await s.api("GET", `/admin/loyalty/accounts/${account.id}`)
    expect(detail.wallet_pass.issued).toBe(false) // the demo has no Google Wallet

    await openCustomer(shopperId)
    await s.until("the balance after the reservation", async () => (await balanceShown()) === account.balance)
    await expect(widget().getByTestId("rewardflow-wallet-pass").textContent()).resolves.toBe("Google WalletNot issued")
    const row = widget().getByTestId("rewardflow-customer-redemptions").locator(`tr[data-redemption-id="${redemption.id}"]`)
    await row.waitFor()
    const cells = (await row.locator("td").allTextContents()).map((c) => c.trim())
    expect(cells.slice(1)).toEqual([reward.name, "Reserved", redemption.promotion_code, `-${reward.points_cost}`])
    // The reservation is in the recent points too.
    await widget().getByTestId("rewardflow-recent-points").locator("tbody tr", { hasText: "Reserved" }).first().waitFor()
    await widget().screenshot({ path: path.join(shots, "customer-loyalty-redemption.png") })
  })

  it("enrolls a customer who is not a member", async () => {
    const email = `browser-${Date.now().toString(36)}@rewardflow.test`
    const created = await s.api("POST", "/admin/customers", { email, first_name: "Noah", last_name: "Weber" })
    expect(created.status).toBe(200)
    const customerId: string = created.body.customer.id
    expect(await accountOf(customerId)).toBeUndefined()

    await openCustomer(customerId)
    await widget().getByText("Not a member of the loyalty program.").waitFor()
    await expect(widget().getByTestId("rewardflow-balance").count()).resolves.toBe(0)
    await widget().getByRole("button", { name: "Enroll" }).click()

    await widget().getByTestId("rewardflow-balance").waitFor()
    const account = (await s.until("the account in the API", () => accountOf(customerId)))!
    expect(account.status).toBe("active")
    await s.until("the balance", async () => (await balanceShown()) === account.balance)
    await expect(widget().getByTestId("rewardflow-card-number").textContent()).resolves.toBe(
      account.card_number_formatted
    )
    expect(account.card_number_formatted).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/)
    await widget().getByRole("button", { name: "Adjust points" }).waitFor()
    await expect(widget().getByText("Not a member of the loyalty program.").count()).resolves.toBe(0)

    await widget().screenshot({ path: path.join(shots, "customer-loyalty-enrolled.png") })
  })
}
