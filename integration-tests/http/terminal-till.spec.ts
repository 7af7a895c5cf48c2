import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { randomUUID } from "node:crypto"
import { LOYALTY_MODULE } from "../../src/modules/loyalty"
import type LoyaltyModuleService from "../../src/modules/loyalty/service"
import { adminHeaders, bareCart, enrolledShopper, failure, seedStore, subscribersDone, type StoreFixture } from "../fixtures"

jest.setTimeout(180_000)

/**
 * What staff do at the till, through the terminal API of a paired device and a PIN session:
 * look up a card, enroll a shopper, award a receipt once, redeem a reward in store, void an award;
 * every entry names the device and the staff member; the caps refuse naming their limit.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: StoreFixture
    let admin: { headers: Record<string, string> }
    const stores: Record<string, string> = {}
    const staff: Record<string, any> = {}
    let device: { token: string; id: string }
    let otherDevice: { token: string; id: string }
    let cashierSession: string
    let managerSession: string
    let reward: any
    const loyalty = () => getContainer().resolve<LoyaltyModuleService>(LOYALTY_MODULE)
    const eventBus = () => getContainer().resolve(Modules.EVENT_BUS)

    const PINS = { cashier: "482915", manager: "730264", elsewhere: "615038" }

    async function pairIn(storeId: string, name: string) {
      const { data: code } = await api.post(`/admin/loyalty/terminal/stores/${storeId}/pairing-codes`, {}, admin)
      const { data } = await api.post("/terminal/pair", { code: code.pairing_code.code, name })
      return { token: data.token as string, id: data.device.id as string }
    }

    const deviceHeaders = (d: { token: string }, session?: string) => ({
      headers: { authorization: `Bearer ${d.token}`, ...(session ? { "x-terminal-session": session } : {}) },
    })

    async function signIn(d: { token: string }, staffId: string, pin: string) {
      const { data } = await api.post("/terminal/sessions", { staff_id: staffId, pin }, deviceHeaders(d))
      return data.token as string
    }

    const till = (session: string, d = device) => deviceHeaders(d, session)

    beforeAll(async () => {
      const container = getContainer()
      store = await seedStore(container)
      admin = await adminHeaders(container)
      for (const name of ["Luxembourg Gare", "Esch Belval"]) {
        const { data } = await api.post("/admin/stock-locations", { name }, admin)
        stores[name] = data.stock_location.id
      }
      const gare = stores["Luxembourg Gare"]
      const esch = stores["Esch Belval"]
      staff.cashier = (await api.post("/admin/loyalty/terminal/staff", { name: "Chris", role: "cashier", stock_location_ids: [gare], pin: PINS.cashier }, admin)).data.staff
      staff.manager = (await api.post("/admin/loyalty/terminal/staff", { name: "Mara", role: "manager", stock_location_ids: [gare], pin: PINS.manager }, admin)).data.staff
      staff.elsewhere = (await api.post("/admin/loyalty/terminal/staff", { name: "Eli", role: "manager", stock_location_ids: [esch], pin: PINS.elsewhere }, admin)).data.staff
      device = await pairIn(gare, "Till 1")
      otherDevice = await pairIn(esch, "Esch till")
      cashierSession = await signIn(device, staff.cashier.id, PINS.cashier)
      managerSession = await signIn(device, staff.manager.id, PINS.manager)
      reward = (await api.post("/admin/loyalty/rewards", { name: { en: "Free coffee" }, points_cost: 100, type: "fixed_amount", amounts: { eur: 3 } }, admin)).data.reward
    })

    async function refused(p: Promise<unknown>, status: number, reason: string) {
      const { status: got, data } = await failure(p)
      expect({ status: got, reason: data.reason }).toEqual({ status, reason })
      return data
    }

    it("looks up a typed or scanned card; an unknown number is 404; without a session 401 session_required", async () => {
      const s = await enrolledShopper(api, store, admin, 40, { prefix: "till", first_name: "Noa" })
      const [account] = await loyalty().listLoyaltyAccounts({ id: s.account_id })
      const spaced = account.card_number.replace(/(\d{4})(?=\d)/g, "$1 ")
      const { data } = await api.get(`/terminal/accounts/lookup?code=${encodeURIComponent(spaced)}`, till(cashierSession))
      expect(data.account).toMatchObject({ id: s.account_id, card_number: account.card_number, balance: 40, status: "active", customer: { first_name: "Noa" } })
      expect(data.account.customer.email).toMatch(/^t\*\*\*@rewardflow\.test$/)
      await refused(api.get(`/terminal/accounts/lookup?code=9000000000000000`, till(cashierSession)), 404, "not_found")
      await refused(api.get(`/terminal/accounts/lookup?code=${account.card_number}`, deviceHeaders(device)), 401, "session_required")
      await refused(api.get(`/terminal/accounts/lookup?code=${account.card_number}`), 401, "device_not_paired")
    })

    it("enrolls a shopper by email at the till (a new customer, or the existing one); the welcome entry names device and staff", async () => {
      const email = `walkin-${Date.now()}@rewardflow.test`
      await api.post("/admin/loyalty/program", { welcome_bonus_points: 15 }, admin)
      let first: any
      try {
        first = await api.post("/terminal/accounts", { email, first_name: "Walk", last_name: "In" }, till(cashierSession))
      } finally {
        await api.post("/admin/loyalty/program", { welcome_bonus_points: 0 }, admin)
      }
      expect(first.status).toBe(201)
      expect(first.data.account).toMatchObject({ balance: 15, status: "active", customer: { first_name: "Walk", last_initial: "I." } })
      const { data: view } = await api.get(`/admin/loyalty/accounts/${first.data.account.id}`, admin)
      expect(view.entries.find((e: any) => e.type === "welcome_bonus")).toMatchObject({ points: 15, actor_device_id: device.id, actor_staff_id: staff.cashier.id })
      const again = await api.post("/terminal/accounts", { email }, till(cashierSession))
      expect(again.status).toBe(200)
      expect(again.data.account.id).toBe(first.data.account.id)
      await refused(api.post("/terminal/accounts", { email: "not-an-email" }, till(cashierSession)), 400, "invalid_request")
    })

    it("awards a receipt once (a double tap, in parallel too), the entry naming device and staff, with the points-earned event; another amount for the number is 409", async () => {
      const s = await enrolledShopper(api, store, admin, 0, { prefix: "till" })
      const earned = subscribersDone("loyalty.points_earned", eventBus())
      const body = { account_id: s.account_id, receipt_number: "GARE-0001", amount: 42.9, currency_code: "eur" }
      const taps = await Promise.all([api.post("/terminal/awards", body, till(cashierSession)), api.post("/terminal/awards", body, till(cashierSession))])
      expect(taps.map((t) => t.status).sort()).toEqual([200, 201])
      expect(new Set(taps.map((t) => t.data.entry.id)).size).toBe(1)
      await earned
      const entry = taps[0].data.entry
      expect(entry).toMatchObject({ type: "earn", points: 42, source_type: "terminal", actor_device_id: device.id, actor_staff_id: staff.cashier.id })
      expect((await loyalty().listLoyaltyAccounts({ id: s.account_id }))[0].balance).toBe(42)
      const other = await refused(api.post("/terminal/awards", { ...body, amount: 99 }, till(cashierSession)), 409, "receipt_already_awarded")
      expect(other.entry_id).toBe(entry.id)
      // The admin account view shows who awarded it.
      const { data } = await api.get(`/admin/loyalty/accounts/${s.account_id}`, admin)
      expect(data.entries.find((e: any) => e.id === entry.id)).toMatchObject({ actor_device_id: device.id, actor_staff_id: staff.cashier.id })
      // The history at the till.
      const history = (await api.get(`/terminal/accounts/${s.account_id}/entries?limit=5`, till(cashierSession))).data
      expect(history.entries[0]).toMatchObject({ id: entry.id, points: 42 })
    })

    it("caps refuse naming their limit: per receipt, and manager approval above the threshold (a manager's PIN, counted like any PIN)", async () => {
      const s = await enrolledShopper(api, store, admin, 0, { prefix: "till" })
      // Defaults: 5000 per receipt, manager approval above 1000.
      expect(await refused(api.post("/terminal/awards", { account_id: s.account_id, receipt_number: "GARE-BIG", amount: 6000, currency_code: "eur" }, till(cashierSession)), 400, "receipt_cap_exceeded")).toMatchObject({ limit: 5000, points: 6000 })
      const large = { account_id: s.account_id, receipt_number: "GARE-LARGE", amount: 1500, currency_code: "eur" }
      expect(await refused(api.post("/terminal/awards", large, till(cashierSession)), 400, "manager_approval_required")).toMatchObject({ limit: 1000, points: 1500 })
      const wrong = await refused(api.post("/terminal/awards", { ...large, manager: { staff_id: staff.manager.id, pin: "000001" } }, till(cashierSession)), 401, "pin_incorrect")
      expect(wrong.attempts_left).toBe(4)
      await refused(api.post("/terminal/awards", { ...large, manager: { staff_id: staff.cashier.id, pin: PINS.cashier } }, till(cashierSession)), 403, "manager_required")
      await refused(api.post("/terminal/awards", { ...large, manager: { staff_id: staff.elsewhere.id, pin: PINS.elsewhere } }, till(cashierSession)), 403, "staff_not_in_store")
      const approved = await api.post("/terminal/awards", { ...large, manager: { staff_id: staff.manager.id, pin: PINS.manager } }, till(cashierSession))
      expect(approved.status).toBe(201)
      expect(approved.data.entry.metadata).toMatchObject({ approved_by_staff_id: staff.manager.id })
      // A manager's own session needs no second PIN.
      expect((await api.post("/terminal/awards", { ...large, receipt_number: "GARE-LARGE-2" }, till(managerSession))).status).toBe(201)
    })

    it("redeems a reward in store with a confirmation code, once per client id; not enough points is refused with the figures", async () => {
      const s = await enrolledShopper(api, store, admin, 150, { prefix: "till" })
      const client_id = randomUUID()
      const first = await api.post("/terminal/redemptions", { account_id: s.account_id, reward_id: reward.id, client_id }, till(cashierSession))
      expect(first.status).toBe(201)
      expect(first.data).toMatchObject({ balance: 50, replayed: false, entry: { type: "redeem", points: -100, actor_device_id: device.id, actor_staff_id: staff.cashier.id } })
      expect(first.data.confirmation_code).toMatch(/^[0-9A-Z]{8}$/)
      const again = await api.post("/terminal/redemptions", { account_id: s.account_id, reward_id: reward.id, client_id }, till(cashierSession))
      expect(again.status).toBe(200)
      expect(again.data.confirmation_code).toBe(first.data.confirmation_code)
      expect(await refused(api.post("/terminal/redemptions", { account_id: s.account_id, reward_id: reward.id, client_id: randomUUID() }, till(cashierSession)), 400, "insufficient_points")).toMatchObject({
        balance: 50,
        points_missing: 50,
      })
    })

    it("a per-customer limit counts in-store and online uses together: used at the till, it is refused at checkout and at the till, and listed with uses_left 0", async () => {
      const once = (await api.post("/admin/loyalty/rewards", { name: { en: "Tote bag, once" }, points_cost: 20, type: "fixed_amount", amounts: { eur: 2 }, per_customer_limit: 1 }, admin)).data.reward
      const s = await enrolledShopper(api, store, admin, 200, { prefix: "till-limit" })
      const inStore = await api.post("/terminal/redemptions", { account_id: s.account_id, reward_id: once.id, client_id: randomUUID() }, till(cashierSession))
      expect(inStore.status).toBe(201)
      const cartId = await bareCart(api, store, s.headers)
      expect(await refused(api.post(`/store/carts/${cartId}/loyalty/redemptions`, { reward_id: once.id }, { headers: s.headers }), 400, "reward_limit_reached")).toMatchObject({
        limit: 1,
        used: 1,
      })
      await refused(api.post("/terminal/redemptions", { account_id: s.account_id, reward_id: once.id, client_id: randomUUID() }, till(cashierSession)), 400, "reward_limit_reached")
      const { data } = await api.get("/store/loyalty/rewards", { headers: s.headers })
      expect(data.rewards.find((r: any) => r.id === once.id)).toMatchObject({ uses_left: 0, affordable: false })
      expect(data.balance).toBe(180)
    })

    it("a manager voids an award the same day, once; a cashier may not", async () => {
      const s = await enrolledShopper(api, store, admin, 0, { prefix: "till" })
      const award = (await api.post("/terminal/awards", { account_id: s.account_id, receipt_number: "GARE-VOID", amount: 25, currency_code: "eur" }, till(cashierSession))).data
      await refused(api.post(`/terminal/awards/${award.entry.id}/void`, {}, till(cashierSession)), 403, "manager_required")
      const voided = await api.post(`/terminal/awards/${award.entry.id}/void`, { reason: "Wrong card" }, till(managerSession))
      expect(voided.data).toMatchObject({ balance: 0, replayed: false, entry: { type: "reverse", points: -25, reverses_entry_id: award.entry.id, actor_staff_id: staff.manager.id } })
      const twice = await api.post(`/terminal/awards/${award.entry.id}/void`, {}, till(managerSession))
      expect(twice.data).toMatchObject({ replayed: true, entry: { id: voided.data.entry.id } })
      await refused(api.post(`/terminal/awards/lent_missing/void`, {}, till(managerSession)), 404, "not_found")
    })

    it("a session of store A's device does not work on store B's device", async () => {
      const s = await enrolledShopper(api, store, admin, 0, { prefix: "till" })
      await refused(
        api.post("/terminal/awards", { account_id: s.account_id, receipt_number: "ESCH-1", amount: 10, currency_code: "eur" }, till(cashierSession, otherDevice)),
        401,
        "session_invalid"
      )
    })

    it("the admin's daily totals per store, device and staff: points awarded, redeemed and voided, with counts", async () => {
      const { data: loc } = await api.post("/admin/stock-locations", { name: `Totals ${Date.now()}` }, admin)
      const storeId = loc.stock_location.id
      const d = await pairIn(storeId, "Totals till")
      const cashier = (await api.post("/admin/loyalty/terminal/staff", { name: "Tess", role: "cashier", stock_location_ids: [storeId], pin: "502817" }, admin)).data.staff
      const manager = (await api.post("/admin/loyalty/terminal/staff", { name: "Tom", role: "manager", stock_location_ids: [storeId], pin: "604938" }, admin)).data.staff
      const cs = await signIn(d, cashier.id, "502817")
      const ms = await signIn(d, manager.id, "604938")
      const s = await enrolledShopper(api, store, admin, 200, { prefix: "till" })
      await api.post("/terminal/awards", { account_id: s.account_id, receipt_number: "T-1", amount: 10, currency_code: "eur" }, till(cs, d))
      const second = (await api.post("/terminal/awards", { account_id: s.account_id, receipt_number: "T-2", amount: 20, currency_code: "eur" }, till(cs, d))).data
      await api.post("/terminal/redemptions", { account_id: s.account_id, reward_id: reward.id, client_id: randomUUID() }, till(cs, d))
      await api.post(`/terminal/awards/${second.entry.id}/void`, {}, till(ms, d))
      const { data } = await api.get(`/admin/loyalty/terminal/daily-totals?stock_location_id=${storeId}`, admin)
      const today = new Date().toISOString().slice(0, 10)
      expect(data.to).toBe(today)
      expect(data.totals).toEqual(
        expect.arrayContaining([
          { day: today, stock_location_id: storeId, device_id: d.id, staff_id: cashier.id, points_awarded: 30, awards: 2, points_redeemed: 100, redemptions: 1, points_voided: 0, voids: 0 },
          { day: today, stock_location_id: storeId, device_id: d.id, staff_id: manager.id, points_awarded: 0, awards: 0, points_redeemed: 0, redemptions: 0, points_voided: 20, voids: 1 },
        ])
      )
      expect(data.totals).toHaveLength(2)
      expect(data.sums).toEqual({ points_awarded: 30, awards: 2, points_redeemed: 100, redemptions: 1, points_voided: 20, voids: 1 })
      const bad = await failure(api.get(`/admin/loyalty/terminal/daily-totals?from=2026-13-01`, admin))
      expect(bad.status).toBe(400)
      expect(bad.data.message).toMatch(/^Invalid request: from must be a date YYYY-MM-DD/)
    })
  },
})
