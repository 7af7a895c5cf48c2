import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { LOYALTY_MODULE } from "../../src/modules/loyalty"
import type LoyaltyModuleService from "../../src/modules/loyalty/service"
import { adminHeaders, failure } from "../fixtures"

jest.setTimeout(180_000)

type Member = { customer_id: string; account_id: string; card_number: string; card_number_formatted: string }

/**
 * What the admin's Members screen reads and does: the list searched by name, email or card
 * number, filtered by status and tier, paged with its count; the member's status changes with
 * their reasons and admins; the test-data flag; the names of whoever acted on the ledger
 * (admin, customer, terminal device and staff).
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let admin: { headers: Record<string, string> }
    let adminUserId: string
    const members: Record<string, Member> = {}

    async function enroll(key: string, customer: { email: string; first_name: string; last_name: string }) {
      const { data } = await api.post("/admin/customers", customer, admin)
      const { account } = (await api.post("/admin/loyalty/accounts", { customer_id: data.customer.id }, admin)).data
      members[key] = { customer_id: data.customer.id, account_id: account.id, card_number: account.card_number, card_number_formatted: account.card_number_formatted }
    }

    const list = async (query: string) => (await api.get(`/admin/loyalty/accounts?${query}`, admin)).data
    const emailsOf = async (query: string) => ((await list(query)).accounts as any[]).map((a) => a.customer.email).sort()
    const account = async (id: string) => (await api.get(`/admin/loyalty/accounts/${id}`, admin)).data

    beforeAll(async () => {
      const container = getContainer()
      admin = await adminHeaders(container)
      adminUserId = (await api.get("/admin/users/me", admin)).data.user.id
      await enroll("anna", { email: "anna.muller@shop.lu", first_name: "Anna", last_name: "Müller" })
      await enroll("annick", { email: "annick@mail.lu", first_name: "Annick", last_name: "Weber" })
      await enroll("paul", { email: "p.schmit@mail.lu", first_name: "Paul", last_name: "Schmit" })
      await enroll("zoe", { email: "zoe@mail.lu", first_name: "Zoe", last_name: "Ten%Off" })
    })

    it("searches by first name, last name, full name, email or card number (spaces ignored)", async () => {
      expect(await emailsOf("q=ann")).toEqual(["anna.muller@shop.lu", "annick@mail.lu"])
      expect(await emailsOf("q=schmit")).toEqual(["p.schmit@mail.lu"])
      // Every word must match (a first name and a last name).
      expect(await emailsOf(`q=${encodeURIComponent("anna müller")}`)).toEqual(["anna.muller@shop.lu"])
      expect(await emailsOf(`q=${encodeURIComponent("Annick Müller")}`)).toEqual([])
      expect(await emailsOf("q=MAIL.LU")).toEqual(["annick@mail.lu", "p.schmit@mail.lu", "zoe@mail.lu"])
      // An ILIKE wildcard typed by the admin is a character, not "anything".
      expect(await emailsOf(`q=${encodeURIComponent("%off")}`)).toEqual(["zoe@mail.lu"])
      expect(await emailsOf(`q=${encodeURIComponent("t%f")}`)).toEqual([])

      const paul = members.paul
      expect(await emailsOf(`q=${encodeURIComponent(paul.card_number_formatted)}`)).toEqual(["p.schmit@mail.lu"])
      expect(await emailsOf(`q=${paul.card_number}`)).toEqual(["p.schmit@mail.lu"])
      const found = (await list(`q=${paul.card_number}`)).accounts[0]
      expect(found).toMatchObject({
        id: paul.account_id,
        status: "active",
        is_test: false,
        tier_id: null,
        customer: { id: paul.customer_id, email: "p.schmit@mail.lu", first_name: "Paul", last_name: "Schmit" },
      })
    })

    it("filters by status and tier, pages newest first, and counts every match", async () => {
      const gold = (await api.post("/admin/loyalty/tiers", { name: { en: "Gold" }, threshold: 1000, multiplier: 1.5 }, admin)).data.tier
      // Tiers are moved by the tier rules, not by this screen: the row is set as they leave it.
      const knex = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      await knex("loyalty_account").whereIn("id", [members.anna.account_id, members.paul.account_id]).update({ tier_id: gold.id })
      expect(await emailsOf(`tier_id=${gold.id}`)).toEqual(["anna.muller@shop.lu", "p.schmit@mail.lu"])
      expect(await emailsOf(`tier_id=${gold.id}&q=anna`)).toEqual(["anna.muller@shop.lu"])

      await api.post(`/admin/loyalty/accounts/${members.paul.account_id}`, { status: "blocked", reason: "Shared card" }, admin)
      expect(await emailsOf("status=blocked")).toEqual(["p.schmit@mail.lu"])
      expect(await emailsOf(`status=active&tier_id=${gold.id}`)).toEqual(["anna.muller@shop.lu"])
      await api.post(`/admin/loyalty/accounts/${members.paul.account_id}`, { status: "active", reason: "Cleared" }, admin)

      const first = await list("q=mail.lu&limit=2&offset=0")
      const second = await list("q=mail.lu&limit=2&offset=2")
      expect({ count: first.count, limit: first.limit, offset: first.offset, rows: first.accounts.length }).toEqual({ count: 3, limit: 2, offset: 0, rows: 2 })
      expect({ count: second.count, rows: second.accounts.length }).toEqual({ count: 3, rows: 1 })
      // Newest first: the last enrolled of the three is on the first page.
      expect(first.accounts[0].id).toBe(members.zoe.account_id)

      for (const [query, field] of [["status=gone", "status"], ["limit=0", "limit"], ["tier_id=", "tier_id"]]) {
        const { status, data } = await failure(api.get(`/admin/loyalty/accounts?${query}`, admin))
        expect({ query, status, message: data.message }).toEqual({ query, status: 400, message: expect.stringContaining(field) })
      }
    })

    it("blocks and unblocks with a reason: the status history names the admin and the time", async () => {
      const id = members.anna.account_id
      const blocked = await api.post(`/admin/loyalty/accounts/${id}`, { status: "blocked", reason: "Card reported stolen" }, admin)
      expect(blocked.status).toBe(200)
      expect(blocked.data.account.status).toBe("blocked")
      // Only the status moved the history; the merchant's own metadata does not erase it.
      await api.post(`/admin/loyalty/accounts/${id}`, { metadata: { crm: "A-17" } }, admin)
      await api.post(`/admin/loyalty/accounts/${id}`, { status: "active", reason: "Card found" }, admin)
      // Unblocking an active account is no change and writes no history.
      await api.post(`/admin/loyalty/accounts/${id}`, { status: "active", reason: "again" }, admin)

      const view = await account(id)
      expect(view.account.status).toBe("active")
      expect(view.account.status_history).toEqual([
        { status: "active", reason: "Card found", actor_user_id: adminUserId, at: expect.any(String) },
        { status: "blocked", reason: "Card reported stolen", actor_user_id: adminUserId, at: expect.any(String) },
      ])
      expect(Date.parse(view.account.status_history[0].at)).toBeGreaterThanOrEqual(Date.parse(view.account.status_history[1].at))
      // The metadata itself stays private to the API, as before.
      expect(view.account.metadata).toBeUndefined()
      const knex = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      expect((await knex("loyalty_account").where({ id }).first()).metadata.crm).toBe("A-17")

      const cases: [Record<string, unknown>, string][] = [
        [{ reason: "no status" }, "reason"],
        [{ status: "blocked", reason: "   " }, "reason"],
        [{ status: "blocked", reason: "x".repeat(501) }, "reason"],
        [{ status: "paused" }, "status"],
      ]
      for (const [body, field] of cases) {
        const { status, data } = await failure(api.post(`/admin/loyalty/accounts/${id}`, body, admin))
        expect({ body, status, message: data.message }).toEqual({ body, status: 400, message: expect.stringContaining(field) })
      }
      expect((await account(id)).account.status).toBe("active")
    })

    it("flags and unflags the account as test data", async () => {
      const id = members.annick.account_id
      expect((await api.post(`/admin/loyalty/accounts/${id}`, { is_test: true }, admin)).data.account.is_test).toBe(true)
      expect((await api.get("/admin/loyalty/test-data", admin)).data.accounts).toBe(1)
      expect((await account(id)).account.is_test).toBe(true)
      expect((await api.post(`/admin/loyalty/accounts/${id}`, { is_test: false }, admin)).data.account.is_test).toBe(false)
      expect((await api.get("/admin/loyalty/test-data", admin)).data.accounts).toBe(0)
    })

    it("shows the points held by open redemptions as reserved", async () => {
      const id = members.zoe.account_id
      await api.post(`/admin/loyalty/accounts/${id}/adjust`, { points: 100, reason: "Start" }, admin)
      expect((await account(id)).account).toMatchObject({ balance: 100, points_reserved: 0 })
      const reward = (await api.post("/admin/loyalty/rewards", { name: { en: "Coffee" }, points_cost: 30, type: "fixed_amount", amounts: { eur: 3 } }, admin)).data.reward
      const loyalty = getContainer().resolve<LoyaltyModuleService>(LOYALTY_MODULE)
      const cart = { id: "cart_members_test", currency_code: "eur", item_subtotal: 20, variant_ids: [] }
      const held = await loyalty.reserveRedemption({ account_id: id, cart, reward_id: reward.id })
      expect((await account(id)).account).toMatchObject({ balance: 70, points_reserved: 30 })
      await loyalty.releaseRedemption({ redemption_id: held.redemption.id, reason: "cart abandoned" })
      expect((await account(id)).account).toMatchObject({ balance: 100, points_reserved: 0 })
    })

    it("names who acted on the ledger: the admin, the terminal device and its staff member", async () => {
      await api.post(`/admin/loyalty/accounts/${members.paul.account_id}/adjust`, { points: 40, reason: "Goodwill" }, admin)
      const adjusted = await account(members.paul.account_id)
      const entry = adjusted.entries.find((e: any) => e.type === "adjust")
      expect(entry).toMatchObject({ points: 40, reason: "Goodwill", actor_user_id: adminUserId })
      expect(adjusted.actors.users[adminUserId]).toMatchObject({ id: adminUserId, email: expect.stringContaining("@") })
      expect(adjusted.actors).toMatchObject({ customers: {}, devices: {}, staff: {} })

      // A shopper enrolled at a till: the welcome bonus names the device and the staff member.
      const { data: location } = await api.post("/admin/stock-locations", { name: "Luxembourg Gare" }, admin)
      const staff = (await api.post("/admin/loyalty/terminal/staff", { name: "Chris", role: "cashier", stock_location_ids: [location.stock_location.id], pin: "482915" }, admin)).data.staff
      const { data: code } = await api.post(`/admin/loyalty/terminal/stores/${location.stock_location.id}/pairing-codes`, {}, admin)
      const { data: paired } = await api.post("/terminal/pair", { code: code.pairing_code.code, name: "Till 1" })
      const device = { authorization: `Bearer ${paired.token}` }
      const { data: session } = await api.post("/terminal/sessions", { staff_id: staff.id, pin: "482915" }, { headers: device })
      await api.post("/admin/loyalty/program", { welcome_bonus_points: 15 }, admin)
      let enrolled: any
      try {
        enrolled = (await api.post("/terminal/accounts", { email: "walk.in@mail.lu", first_name: "Walk" }, { headers: { ...device, "x-terminal-session": session.token } })).data
      } finally {
        await api.post("/admin/loyalty/program", { welcome_bonus_points: 0 }, admin)
      }
      const view = await account(enrolled.account.id)
      expect(view.entries.find((e: any) => e.type === "welcome_bonus")).toMatchObject({ actor_device_id: paired.device.id, actor_staff_id: staff.id })
      expect(view.actors.devices).toEqual({ [paired.device.id]: { id: paired.device.id, name: "Till 1" } })
      expect(view.actors.staff).toEqual({ [staff.id]: { id: staff.id, name: "Chris" } })
    })
  },
})
