import { join } from "node:path"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { MigrationScriptsMigrator } from "@medusajs/framework/migrations"
import maturePendingPoints from "../../src/jobs/mature-pending-points"
import { LOYALTY_MODULE } from "../../src/modules/loyalty"
import { addMonths } from "../../src/modules/loyalty/lib/ledger/expiry-store"
import type LoyaltyModuleService from "../../src/modules/loyalty/service"
import {
  adminHeaders,
  createReturnShippingOption,
  receiveReturn,
  failure,
  placeOrder,
  prepareCart,
  recordEvents,
  registerCustomer,
  seedStore,
  startMailServer,
  subscribersDone,
  type MailServer,
  type StoreFixture,
} from "../fixtures"
import { call } from "../fixtures/http"

jest.setTimeout(180_000)

const DAY = 86_400_000

/**
 * The program's pending period (`pending_days: 14`) through Medusa's own store and admin routes:
 * an order's points are pending (not spendable, shown apart), the hourly job makes them available
 * on the day with the points-earned mail (once), and a cancel or return during the period takes
 * them from pending only. One hoodie (49.99) and two totes (10 each), no tax: 69 points.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: StoreFixture
    let admin: { headers: Record<string, string> }
    let returnOptionId: string
    let rewardId: string
    let mail: MailServer
    const eventBus = () => getContainer().resolve(Modules.EVENT_BUS)
    const loyalty = () => getContainer().resolve<LoyaltyModuleService>(LOYALTY_MODULE)
    const adminCall = (path: string, body: unknown = {}) => call(api as any, "post", path, admin.headers, body)
    const variant = (i: number) => store.variants[i]

    beforeAll(async () => {
      const container = getContainer()
      store = await seedStore(container)
      admin = await adminHeaders(container)
      // The email templates, seeded the way `medusa db:migrate` does it.
      const migrator = new MigrationScriptsMigrator({ container })
      await migrator.ensureMigrationsTable()
      await migrator.run([join(__dirname, "../../src/migration-scripts")])
      mail = await startMailServer()
      await api.post("/admin/loyalty/email/settings", { provider: "smtp", host: "127.0.0.1", port: mail.port, from_address: "loyalty@rewardflow.test" }, admin)

      returnOptionId = await createReturnShippingOption(container, store)
      const program = await adminCall("/admin/loyalty/program", { welcome_bonus_points: 0, points_validity_months: 12, pending_days: 14 })
      expect(program.program.pending_days).toBe(14)
      rewardId = (await adminCall("/admin/loyalty/rewards", { name: { en: "1 EUR off" }, points_cost: 10, type: "fixed_amount", amounts: { eur: 1 } })).reward.id
    })

    afterAll(async () => {
      await mail?.stop()
    })

    beforeEach(() => {
      mail.mails.splice(0)
    })

    let seq = 0
    async function shopper() {
      seq++
      const email = `pending${seq}-${Date.now()}@rewardflow.test`
      const s = await registerCustomer(api as any, store.publishable_key, { email, password: "s3cret-pass" })
      const enrolled = subscribersDone("loyalty.account_enrolled", eventBus())
      const { data } = await api.post("/store/loyalty/enroll", {}, { headers: s.headers })
      await enrolled
      return { ...s, email, account_id: data.account.id as string }
    }
    type Shopper = Awaited<ReturnType<typeof shopper>>

    const recording = (counts: Record<string, number>, action: () => Promise<unknown>) => recordEvents(eventBus(), counts, action)

    /** Places one hoodie and two totes; returns the order with its line ids and the `loyalty.points_pending` payload. */
    async function order(s: Shopper) {
      let placed: any
      const seen = await recording({ "order.placed": 1, "loyalty.points_pending": 1 }, async () => {
        placed = await placeOrder(api as any, s.headers, store, {
          items: [
            { variant_id: variant(2).id, quantity: 1 },
            { variant_id: variant(0).id, quantity: 2 },
          ],
        })
      })
      const { data } = await api.get(`/admin/orders/${placed.id}?fields=id,created_at,items.id,items.variant_id`, admin)
      const line = (i: number) => data.order.items.find((it: any) => it.variant_id === variant(i).id)?.id
      return { id: placed.id as string, placed_at: new Date(data.order.created_at), hoodie: line(2), tote: line(0), pending_event: seen["loyalty.points_pending"][0] }
    }

    const me = async (s: Shopper) => (await api.get("/store/loyalty/me", { headers: s.headers })).data.account
    const entries = async (s: Shopper) => (await api.get("/store/loyalty/me/entries", { headers: s.headers })).data.entries
    const earnedMails = (s: Shopper) => mail.mails.filter((m) => m.envelope.to.includes(s.email) && /^You earned/.test(m.subject ?? ""))
    const noDrift = async () => expect((await loyalty().rebuildBalances()).drift).toEqual([])

    /** The hourly job at `now`, waiting for the points-earned subscribers when it matures something. */
    async function job(now: Date, matures = 0) {
      if (!matures) return await maturePendingPoints(getContainer(), { now })
      let result: Awaited<ReturnType<typeof maturePendingPoints>> | undefined
      await recording({ "loyalty.points_earned": matures }, async () => {
        result = await maturePendingPoints(getContainer(), { now })
      })
      return result!
    }

    async function fulfil(o: { id: string; hoodie: string; tote: string }) {
      await adminCall(`/admin/orders/${o.id}/fulfillments`, { items: [{ id: o.hoodie, quantity: 1 }, { id: o.tote, quantity: 2 }], location_id: store.stock_location_id })
    }

    /** Medusa's admin return flow: request `items`, then receive them in one pass. */
    const returnItems = (orderId: string, items: { id: string; quantity: number }[]) =>
      receiveReturn(adminCall, eventBus(), { order_id: orderId, location_id: store.stock_location_id, return_option_id: returnOptionId, items })

    it("points are pending, apart from the balance and not spendable; on day 14 the job makes them available with one mail", async () => {
      const s = await shopper()
      const o = await order(s)
      const availableAt = new Date(o.placed_at.getTime() + 14 * DAY)
      expect(o.pending_event).toMatchObject({ account_id: s.account_id, customer_id: s.customer.id, points: 69, order_id: o.id, available_at: availableAt.toISOString() })

      expect(await me(s)).toMatchObject({ balance: 0, points_pending: 69, lifetime_earned: 0, pending: [{ points: 69, order_id: o.id, available_at: availableAt.toISOString() }] })
      const [earn] = await entries(s)
      expect(earn).toMatchObject({ type: "earn", points: 0, pending_change: 69, balance_after: 0, source_id: o.id })
      const { data: view } = await api.get(`/admin/loyalty/accounts/${s.account_id}`, admin)
      expect(view.account).toMatchObject({ balance: 0, points_pending: 69, pending: [{ points: 69, order_id: o.id }] })
      // The points-earned mail waits for the points to be spendable.
      expect(earnedMails(s)).toEqual([])

      // The catalog and the cart see the balance only.
      const cart = await prepareCart(api as any, s.headers, store, { items: [{ variant_id: variant(0).id, quantity: 1 }] })
      const { data: catalog } = await api.get(`/store/loyalty/rewards?cart_id=${cart.id}`, { headers: s.headers })
      expect(catalog.rewards.find((r: any) => r.id === rewardId)).toMatchObject({ affordable: false, points_missing: 10 })
      const refused = await failure(api.post(`/store/carts/${cart.id}/loyalty/redemptions`, { reward_id: rewardId }, { headers: s.headers }))
      expect(refused.status).toBe(400)
      expect(refused.data).toMatchObject({ reason: "insufficient_points", balance: 0, points_missing: 10 })
      const asMoney = await failure(api.post(`/store/carts/${cart.id}/loyalty/redemptions`, { points: 5 }, { headers: s.headers }))
      expect(asMoney.status).toBe(400)

      // Day 13: nothing is due.
      expect(await job(new Date(availableAt.getTime() - DAY))).toEqual({ matured: [], failed: [] })
      expect(await me(s)).toMatchObject({ balance: 0, points_pending: 69 })
      expect(await loyalty().listLoyaltyPointLots({ account_id: s.account_id })).toEqual([])

      // Day 14: available, with a lot valid 12 months from today and the mail.
      const matured = await job(availableAt, 1)
      expect(matured.matured).toEqual([expect.objectContaining({ order_id: o.id, account_id: s.account_id, points: 69 })])
      expect(await me(s)).toMatchObject({ balance: 69, points_pending: 0, lifetime_earned: 69, pending: [] })
      const [mature] = await entries(s)
      expect(mature).toMatchObject({ type: "mature", points: 69, pending_change: -69, balance_after: 69, source_type: "order", source_id: o.id })
      const lots = await loyalty().listLoyaltyPointLots({ account_id: s.account_id })
      expect(lots).toHaveLength(1)
      expect(lots[0]).toMatchObject({ entry_id: mature.id, points: 69, remaining: 69 })
      expect(new Date(lots[0].expires_at!).toISOString()).toBe(addMonths(availableAt, 12).toISOString())
      expect(earnedMails(s).map((m) => m.subject)).toEqual(["You earned 69 points"])

      // Again, and later: nothing more is written or sent; a redelivered event sends no second mail.
      expect(await job(availableAt)).toEqual({ matured: [], failed: [] })
      expect(await job(new Date(availableAt.getTime() + 3 * DAY))).toEqual({ matured: [], failed: [] })
      const redelivered = subscribersDone("loyalty.points_earned", eventBus())
      await eventBus().emit({ name: "loyalty.points_earned", data: { id: mature.id, account_id: s.account_id, customer_id: s.customer.id, type: "mature", points: 69, balance: 69, order_id: o.id } })
      await redelivered
      expect(earnedMails(s)).toHaveLength(1)
      expect((await entries(s)).map((e: any) => e.type)).toEqual(["mature", "earn"])

      // Now spendable.
      const { data: applied } = await api.post(`/store/carts/${cart.id}/loyalty/redemptions`, { reward_id: rewardId }, { headers: s.headers })
      expect(applied.balance).toBe(59)
      await noDrift()
    })

    it("a cancel during the period removes the points from pending and leaves the balance untouched", async () => {
      const s = await shopper()
      await adminCall(`/admin/loyalty/accounts/${s.account_id}/adjust`, { points: 25, reason: "own points" })
      const o = await order(s)
      expect(await me(s)).toMatchObject({ balance: 25, points_pending: 69 })
      const seen = await recording({ "order.canceled": 1, "loyalty.points_reversed": 1 }, () => adminCall(`/admin/orders/${o.id}/cancel`))
      expect(seen["loyalty.points_reversed"]).toEqual([expect.objectContaining({ order_id: o.id, points: 0, pending_change: -69, balance: 25 })])
      expect(await me(s)).toMatchObject({ balance: 25, points_pending: 0, points_owed: 0, lifetime_earned: 0, pending: [] })
      expect((await entries(s))[0]).toMatchObject({ type: "reverse", points: 0, pending_change: -69 })
      // Past the day there is nothing to make available, and no mail.
      expect(await job(new Date(o.placed_at.getTime() + 15 * DAY))).toEqual({ matured: [], failed: [] })
      expect(await me(s)).toMatchObject({ balance: 25, points_pending: 0 })
      expect(earnedMails(s)).toEqual([])
      await noDrift()
    })

    it("a partial return during the period takes its share from pending; the rest becomes available on the day", async () => {
      const s = await shopper()
      const o = await order(s)
      await fulfil(o)
      await returnItems(o.id, [{ id: o.tote, quantity: 1 }])
      // 59.99 kept: 59 points, still pending.
      expect(await me(s)).toMatchObject({ balance: 0, points_pending: 59, pending: [{ points: 59, order_id: o.id }] })
      expect((await entries(s))[0]).toMatchObject({ type: "reverse", points: 0, pending_change: -10, shortfall: 0 })
      await job(new Date(o.placed_at.getTime() + 14 * DAY), 1)
      expect(await me(s)).toMatchObject({ balance: 59, points_pending: 0, lifetime_earned: 59 })
      expect(earnedMails(s).map((m) => m.subject)).toEqual(["You earned 59 points"])
      await noDrift()
    })

    it("a return after the points became available claws back from the balance as before", async () => {
      const s = await shopper()
      const o = await order(s)
      await fulfil(o)
      await job(new Date(o.placed_at.getTime() + 14 * DAY), 1)
      expect(await me(s)).toMatchObject({ balance: 69, points_pending: 0 })
      await returnItems(o.id, [{ id: o.hoodie, quantity: 1 }])
      expect(await me(s)).toMatchObject({ balance: 20, points_pending: 0, points_owed: 0, lifetime_earned: 20 })
      expect((await entries(s))[0]).toMatchObject({ type: "reverse", points: -49, pending_change: 0 })
      await noDrift()
    })
  },
})
