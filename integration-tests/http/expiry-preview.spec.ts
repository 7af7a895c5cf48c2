import { join } from "node:path"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { MigrationScriptsMigrator } from "@medusajs/framework/migrations"
import expireLoyaltyPoints from "../../src/jobs/expire-points"
import notifyExpiringLoyaltyPoints from "../../src/jobs/notify-expiring-points"
import { LOYALTY_MODULE } from "../../src/modules/loyalty"
import type LoyaltyModuleService from "../../src/modules/loyalty/service"
import {
  adminHeaders,
  checkoutCart,
  failure,
  prepareCart,
  registerCustomer,
  seedStore,
  startMailServer,
  subscribersDone,
  type MailServer,
  type StoreFixture,
} from "../fixtures"
import { guestHeaders } from "../fixtures/auth"
import { call } from "../fixtures/http"
import { wallClock as wall } from "../fixtures/wall-clock"

jest.setTimeout(180_000)

const DAY = 86_400_000
const LU = "Europe/Luxembourg"

type Day = { year: number; month: number; day: number }

/** The last day of the month `months` after the month `at` falls in, as the zone's calendar reads `at`. */
function lastDayOfMonthAfter(at: Date | string, months: number, timeZone: string): Day {
  const [year, month] = wall(at, timeZone).slice(0, 7).split("-").map(Number)
  const index = month - 1 + months
  const y = year + Math.floor(index / 12)
  const m = (index % 12) + 1
  return { year: y, month: m, day: new Date(Date.UTC(y, m, 0)).getUTCDate() }
}

const isoDay = (d: Day) => `${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`
/** How an English mail writes a calendar day ("January 31, 2028"), whatever the zone. */
const spelled = (d: Day) => new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" }).format(new Date(Date.UTC(d.year, d.month - 1, d.day, 12)))
const dayIn = (at: Date | string, timeZone: string): Day => {
  const [year, month, day] = wall(at, timeZone).slice(0, 10).split("-").map(Number)
  return { year, month, day }
}

/**
 * Issue 12's expiry rules and earn preview through Medusa's own store and admin routes, the jobs
 * driven by `now`: end-of-month validity in the program's time zone (the lot, the
 * points_expiring mail received over SMTP, the expire job at 23:59 and at midnight), activity
 * that extends every open lot (and the mail's new date), and `GET /store/loyalty/preview`
 * against what the cart's order then earns in the ledger.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: StoreFixture
    let admin: { headers: Record<string, string> }
    let mail: MailServer
    const container = () => getContainer()
    const eventBus = () => container().resolve(Modules.EVENT_BUS)
    const loyalty = () => container().resolve<LoyaltyModuleService>(LOYALTY_MODULE)
    const variant = (i: number) => store.variants[i]

    beforeAll(async () => {
      store = await seedStore(container())
      admin = await adminHeaders(container())
      const migrator = new MigrationScriptsMigrator({ container: container() })
      await migrator.ensureMigrationsTable()
      await migrator.run([join(__dirname, "../../src/migration-scripts")])
      mail = await startMailServer()
      await api.post("/admin/loyalty/email/settings", { provider: "smtp", host: "127.0.0.1", port: mail.port, from_address: "loyalty@rewardflow.test" }, admin)
      // A real Luxembourg VAT rate, so the preview counts (or leaves out) real tax lines.
      const tax = container().resolve(Modules.TAX)
      const [lu] = await tax.listTaxRegions({ country_code: "lu", parent_id: null as unknown as string })
      await tax.createTaxRates({ tax_region_id: lu.id, rate: 17, code: "LU-VAT", name: "TVA 17%", is_default: true })
      await setProgram({ welcome_bonus_points: 0 })
    })

    afterAll(async () => {
      await mail?.stop()
    })

    beforeEach(() => {
      mail.mails.splice(0)
    })

    async function setProgram(body: Record<string, unknown>) {
      return (await call(api as any, "post", "/admin/loyalty/program", admin.headers, body)).program
    }

    let seq = 0
    async function shopper() {
      seq++
      const email = `expiry${seq}-${Date.now()}@rewardflow.test`
      return { email, ...(await registerCustomer(api as any, store.publishable_key, { email, password: "s3cret-pass", first_name: "Lou" })) }
    }

    async function member() {
      const s = await shopper()
      const enrolled = subscribersDone("loyalty.account_enrolled", eventBus())
      const { data } = await api.post("/store/loyalty/enroll", {}, { headers: s.headers })
      await enrolled
      return { ...s, account_id: data.account.id as string }
    }

    /** Completes a prepared cart and waits for the award (and what follows the points, e.g. the tier evaluation). */
    async function complete(headers: Record<string, string>, cartId: string) {
      const placed = subscribersDone("order.placed", eventBus())
      const earned = subscribersDone("loyalty.points_earned", eventBus())
      const order = await checkoutCart(api as any, headers, store, cartId)
      await Promise.all([placed, earned])
      return order
    }

    async function orderEarn(orderId: string) {
      const entries = await loyalty().listLoyaltyLedgerEntries({ source_type: "order", source_id: orderId, type: "earn" } as any)
      expect(entries).toHaveLength(1)
      return entries[0] as any
    }

    const lotsOf = async (accountId: string) =>
      ((await loyalty().listLoyaltyPointLots({ account_id: accountId }, { take: 100, order: { created_at: "ASC" } })) as any[]).map((l) => ({
        ...l,
        expires_at: l.expires_at ? new Date(l.expires_at) : null,
      }))

    const balanceOf = async (accountId: string) => (await loyalty().retrieveLoyaltyAccount(accountId)).balance

    /** Runs the expiring-points job at `now` and waits for the mails it causes; returns the notices it emitted. */
    async function notify(now: Date) {
      const result = await notifyExpiringLoyaltyPoints(container(), { now })
      if (result.length) await subscribersDone("loyalty.points_expiring", eventBus(), { triggerCount: result.length }).catch(() => undefined)
      return result
    }

    async function notifyAndWait(now: Date, count: number) {
      const sent = subscribersDone("loyalty.points_expiring", eventBus(), { triggerCount: count })
      const result = await notifyExpiringLoyaltyPoints(container(), { now })
      await sent
      return result
    }

    const expiryMails = () => mail.mails.filter((m) => /expire/.test(m.subject ?? "")).map((m) => ({ to: m.envelope.to[0], subject: m.subject }))

    async function preview(query: string, headers: Record<string, string> = guestHeaders(store.publishable_key)) {
      return (await call(api as any, "get", `/store/loyalty/preview?${query}`, headers)).preview
    }

    describe("end-of-month validity", () => {
      it("an order's lot expires at the end of the month its 12 months end in (Luxembourg); the mail states that day; the expire job at 23:59 leaves it, at 00:00 expires it", async () => {
        await setProgram({ earn_rates: { eur: { points: 1, amount: 1 } }, points_validity_months: 12, validity_end_of_month: true, time_zone: LU })
        const m = await member()
        const cart = await prepareCart(api as any, m.headers, store, { items: [{ variant_id: variant(0).id, quantity: 2 }] })
        const earn = await orderEarn((await complete(m.headers, cart.id)).id)
        expect(earn.points).toBe(20)
        const [lot] = await lotsOf(m.account_id)
        const end = lastDayOfMonthAfter(earn.created_at, 12, LU)
        expect(wall(lot.expires_at!, LU)).toBe(`${isoDay(end)} 23:59:59.999`)
        // The next millisecond is the first of the next month there.
        expect(wall(new Date(lot.expires_at!.getTime() + 1), LU)).toMatch(/^\d{4}-\d{2}-01 00:00:00\.000$/)

        // Five days before: the mail says that day.
        await notifyAndWait(new Date(lot.expires_at!.getTime() - 5 * DAY), 1)
        expect(expiryMails()).toEqual([{ to: m.email, subject: `20 points expire on ${spelled(end)}` }])

        // 23:59:00 local on that day: still valid.
        const at2359 = new Date(lot.expires_at!.getTime() - 59_999)
        expect(wall(at2359, LU)).toBe(`${isoDay(end)} 23:59:00.000`)
        await expireLoyaltyPoints(container(), { now: at2359 })
        expect(await balanceOf(m.account_id)).toBe(20)
        // 00:00:00.000 the next day: expired, with the day as Luxembourg reads it.
        const expired = subscribersDone("loyalty.points_expired", eventBus())
        await expireLoyaltyPoints(container(), { now: new Date(lot.expires_at!.getTime() + 1) })
        await expired
        expect(await balanceOf(m.account_id)).toBe(0)
        const [entry] = await loyalty().listLoyaltyLedgerEntries({ account_id: m.account_id, type: "expire" })
        expect(entry).toMatchObject({ points: -20, reason: `Points expired on ${isoDay(end)}` })
      })

      it("a zone west of UTC: the mail states the local last day of the month, not the next day of UTC", async () => {
        const zone = "America/New_York"
        await setProgram({ earn_rates: { eur: { points: 1, amount: 1 } }, points_validity_months: 3, validity_end_of_month: true, time_zone: zone })
        const m = await member()
        const cart = await prepareCart(api as any, m.headers, store, { items: [{ variant_id: variant(1).id, quantity: 1 }] })
        const earn = await orderEarn((await complete(m.headers, cart.id)).id)
        const [lot] = await lotsOf(m.account_id)
        const end = lastDayOfMonthAfter(earn.created_at, 3, zone)
        expect(wall(lot.expires_at!, zone)).toBe(`${isoDay(end)} 23:59:59.999`)
        // In UTC that instant is already the 1st: a mail written in UTC would name the wrong day.
        expect(lot.expires_at!.toISOString().slice(8, 10)).toBe("01")
        await notifyAndWait(new Date(lot.expires_at!.getTime() - 2 * DAY), 1)
        expect(expiryMails()).toEqual([{ to: m.email, subject: `25 points expire on ${spelled(end)}` }])
      })
    })

    describe("activity extends validity", () => {
      it("an earning moves every open lot out to its own expiry (an admin adjustment does not); the mail then tells the new date, once", async () => {
        await setProgram({ earn_rates: { eur: { points: 1, amount: 1 } }, points_validity_months: 12, validity_end_of_month: false, activity_extends_validity: true, time_zone: LU })
        const m = await member()
        const now = Date.now()
        const credit = (key: string, points: number, expires_at: Date | null) =>
          loyalty().creditPoints({ account_id: m.account_id, type: "adjust", points, source_type: "admin", idempotency_key: `${key}-${m.account_id}`, expires_at, reason: "promotion" })
        await credit("soon-a", 300, new Date(now + 5 * DAY))
        await credit("soon-b", 200, new Date(now + 9 * DAY))
        await credit("never", 50, null)

        // Both dates are announced, each once.
        expect(await notifyAndWait(new Date(now), 2)).toHaveLength(2)
        expect(expiryMails().map((x) => x.subject).sort()).toEqual([
          `200 points expire on ${spelled(dayIn(new Date(now + 9 * DAY), LU))}`,
          `300 points expire on ${spelled(dayIn(new Date(now + 5 * DAY), LU))}`,
        ])

        // An admin adjustment is not the shopper's activity: nothing moves.
        await call(api as any, "post", `/admin/loyalty/accounts/${m.account_id}/adjust`, admin.headers, { points: 10, reason: "goodwill" })
        const before = await lotsOf(m.account_id)
        expect(before.map((l) => l.expires_at?.getTime() ?? null).slice(0, 3)).toEqual([now + 5 * DAY, now + 9 * DAY, null])
        const [adjustEntry] = await loyalty().listLoyaltyLedgerEntries({ account_id: m.account_id, source_type: "admin", type: "adjust" }, { order: { created_at: "DESC" }, take: 1 })
        expect((adjustEntry.metadata as any)?.extended_lots).toBeUndefined()

        // An order's points are: every open lot with a date moves to the order lot's expiry.
        const cart = await prepareCart(api as any, m.headers, store, { items: [{ variant_id: variant(0).id, quantity: 1 }] })
        const earn = await orderEarn((await complete(m.headers, cart.id)).id)
        const lots = await lotsOf(m.account_id)
        const earnLot = lots.find((l) => l.entry_id === earn.id)!
        expect(earnLot.expires_at!.getTime()).toBeGreaterThan(now + 360 * DAY)
        expect(earn.metadata).toMatchObject({ extended_lots: 3, extended_to: earnLot.expires_at!.toISOString() })
        expect(lots.map((l) => l.expires_at?.getTime() ?? null)).toEqual([
          earnLot.expires_at!.getTime(),
          earnLot.expires_at!.getTime(),
          null,
          earnLot.expires_at!.getTime(),
          earnLot.expires_at!.getTime(),
        ])

        // The old dates are gone: the next days' runs announce nothing.
        mail.mails.splice(0)
        expect(await notify(new Date(now + DAY))).toEqual([])
        // Near the new date: one notice for every point that moved with it, naming the new day.
        await notifyAndWait(new Date(earnLot.expires_at!.getTime() - 3 * DAY), 1)
        expect(expiryMails()).toEqual([{ to: m.email, subject: `520 points expire on ${spelled(dayIn(earnLot.expires_at!, LU))}` }])
        expect(await notify(new Date(earnLot.expires_at!.getTime() - 2 * DAY))).toEqual([])
      })
    })

    describe("earn preview", () => {
      it("a member's cart: what its order then earns (3 points per 2 EUR, nearest, shipping counted, VAT not)", async () => {
        await setProgram({ earn_rates: { eur: { points: 3, amount: 2 } }, rounding: "nearest", count_shipping: true, count_taxes: false })
        const m = await member()
        const cart = await prepareCart(api as any, m.headers, store, { items: [{ variant_id: variant(2).id, quantity: 2 }, { variant_id: variant(1).id, quantity: 1 }] })
        expect(Number(cart.item_tax_total)).toBeGreaterThan(0)
        const p = await preview(`cart_id=${cart.id}`, m.headers)
        expect(p).toMatchObject({ basis: "cart", cart_id: cart.id, currency_code: "eur", enrolled: true, multiplier: "1", tier_id: null, rate: { points: 3, amount: 2 }, rounding: "nearest", skip_reason: null })
        expect(p.points).toBeGreaterThan(0)
        const earn = await orderEarn((await complete(m.headers, cart.id)).id)
        expect(earn.points).toBe(p.points)
        expect(earn.metadata.earning_basis.amount).toBe(p.amount_counted)
      })

      it("an anonymous shopper's cart at the base rate: the same points once they sign up and check it out", async () => {
        await setProgram({ earn_rates: { eur: { points: 1, amount: 1 } }, rounding: "floor", count_shipping: false, count_taxes: true })
        const guest = guestHeaders(store.publishable_key)
        const cart = await prepareCart(api as any, guest, store, { items: [{ variant_id: variant(1).id, quantity: 3 }], email: `guest${Date.now()}@rewardflow.test` })
        const p = await preview(`cart_id=${cart.id}`)
        expect(p).toMatchObject({ enrolled: false, multiplier: "1", tier_id: null, skip_reason: null })
        // 3 x 25.50 with 17% VAT counted: 89.505, floored.
        expect(p).toMatchObject({ amount_counted: "89.505", points: 89 })
        const s = await shopper()
        await call(api as any, "post", `/store/carts/${cart.id}/customer`, s.headers)
        const earn = await orderEarn((await complete(s.headers, cart.id)).id)
        expect(earn.points).toBe(p.points)
      })

      it("a variant x quantity, priced for the region with its VAT: what an order of it earns; the same for an anonymous shopper", async () => {
        await setProgram({ earn_rates: { eur: { points: 10, amount: 3 } }, rounding: "floor", count_shipping: false, count_taxes: true })
        const m = await member()
        const jacket = variant(3)
        const q = `variant_id=${jacket.id}&quantity=3&region_id=${store.region_id}&country_code=lu`
        const p = await preview(q, m.headers)
        // 3 x 120 EUR + 17% = 421.20 EUR, x 10 / 3 = 1404.
        expect(p).toMatchObject({ basis: "variant", variant_id: jacket.id, quantity: 3, amount_counted: "421.2", points: 1404, enrolled: true, skip_reason: null })
        expect(await preview(q)).toMatchObject({ points: p.points, enrolled: false })
        // Without the country the region has four: the price counts as stored (no VAT).
        expect(await preview(`variant_id=${jacket.id}&quantity=3&region_id=${store.region_id}`)).toMatchObject({ amount_counted: "360", points: 1200 })
        // quantity defaults to 1, the currency to the store's.
        expect(await preview(`variant_id=${jacket.id}`)).toMatchObject({ quantity: 1, currency_code: "eur", amount_counted: "120", points: 400 })
        const cart = await prepareCart(api as any, m.headers, store, { items: [{ variant_id: jacket.id, quantity: 3 }] })
        const earn = await orderEarn((await complete(m.headers, cart.id)).id)
        expect(earn.points).toBe(p.points)
      })

      it("a member with a tier gets its multiplier; the next order earns exactly that", async () => {
        await setProgram({ earn_rates: { eur: { points: 1, amount: 1 } }, rounding: "floor", count_shipping: false, count_taxes: false })
        const created = await api.post("/admin/loyalty/tiers", { name: { en: "Gold" }, threshold: 10, multiplier: 1.5 }, admin).catch((e) => e.response)
        expect([200, 201]).toContain(created.status)
        const tier = created.data.tier
        const m = await member()
        const first = await prepareCart(api as any, m.headers, store, { items: [{ variant_id: variant(0).id, quantity: 2 }] })
        await complete(m.headers, first.id)
        expect((await loyalty().retrieveLoyaltyAccount(m.account_id)).tier_id).toBe(tier.id)

        const cart = await prepareCart(api as any, m.headers, store, { items: [{ variant_id: variant(2).id, quantity: 1 }] })
        const p = await preview(`cart_id=${cart.id}`, m.headers)
        // 49.99 x 1.5 = 74.985, floored.
        expect(p).toMatchObject({ multiplier: "1.5", tier_id: tier.id, amount_counted: "49.99", points: 74 })
        // Anonymous, the same cart is at the base rate.
        expect(await preview(`cart_id=${cart.id}`)).toMatchObject({ multiplier: "1", tier_id: null, points: 49 })
        const earn = await orderEarn((await complete(m.headers, cart.id)).id)
        expect(earn.points).toBe(p.points)
        expect(earn.metadata.earning_basis.multiplier).toBe("1.5")
      })

      it("earns nothing, and says why, when the program is paused, the sales channel does not earn or the currency has no rate", async () => {
        await setProgram({ earn_rates: { eur: { points: 1, amount: 1 } }, status: "active" })
        const jacket = variant(3)
        expect(await preview(`variant_id=${jacket.id}&currency_code=usd`)).toMatchObject({ points: 0, currency_code: "usd", rate: null, skip_reason: "currency_not_earning" })

        const { sales_channel: other } = await call(api as any, "post", "/admin/sales-channels", admin.headers, { name: "Marketplace" })
        await setProgram({ sales_channel_ids: [other.id] })
        const cartId = (await call(api as any, "post", "/store/carts", guestHeaders(store.publishable_key), { region_id: store.region_id, sales_channel_id: store.sales_channel_id })).cart.id
        await call(api as any, "post", `/store/carts/${cartId}/line-items`, guestHeaders(store.publishable_key), { variant_id: jacket.id, quantity: 1 })
        expect(await preview(`cart_id=${cartId}`)).toMatchObject({ points: 0, amount_counted: "120", skip_reason: "sales_channel_not_enabled" })
        expect(await preview(`variant_id=${jacket.id}`)).toMatchObject({ points: 0, skip_reason: "sales_channel_not_enabled" })

        await setProgram({ sales_channel_ids: [other.id, store.sales_channel_id] })
        expect(await preview(`cart_id=${cartId}`)).toMatchObject({ points: 120, skip_reason: null })
        await setProgram({ status: "paused" })
        expect(await preview(`cart_id=${cartId}`)).toMatchObject({ points: 0, skip_reason: "program_paused" })
      })

      it("bad queries: 400 naming the field; an unknown or another customer's cart and an unknown variant are 404", async () => {
        const jacket = variant(3)
        const bad = async (query: string) => (await failure(api.get(`/store/loyalty/preview?${query}`, { headers: guestHeaders(store.publishable_key) })))
        const cases: [string, string][] = [
          [`cart_id=cart_x&variant_id=${jacket.id}`, "variant_id"],
          [`variant_id=${jacket.id}&quantity=0`, "quantity"],
          [`variant_id=${jacket.id}&quantity=1001`, "quantity"],
          [`variant_id=${jacket.id}&quantity=1.5`, "quantity"],
          ["", "cart_id"],
          ["cart_id=cart_x&quantity=2", "quantity"],
          [`variant_id=${jacket.id}&region_id=${store.region_id}&currency_code=eur`, "currency_code"],
          [`variant_id=${jacket.id}&region_id=reg_nope`, "region_id"],
          [`variant_id=${jacket.id}&colour=red`, "colour"],
        ]
        for (const [query, field] of cases) {
          const { status, data } = await bad(query)
          expect([query, status, data.reason, data.field]).toEqual([query, 400, "invalid_request", field])
          expect(data.message).toContain(field)
        }
        expect(await bad("cart_id=cart_nope")).toMatchObject({ status: 404, data: { reason: "cart_not_found", cart_id: "cart_nope" } })
        expect(await bad("variant_id=variant_nope")).toMatchObject({ status: 404, data: { reason: "variant_not_found", variant_id: "variant_nope" } })

        // Another customer's cart is not found for a signed-in shopper.
        const owner = await member()
        const cart = await prepareCart(api as any, owner.headers, store, { items: [{ variant_id: jacket.id, quantity: 1 }] })
        const other = await member()
        expect(await failure(api.get(`/store/loyalty/preview?cart_id=${cart.id}`, { headers: other.headers }))).toMatchObject({ status: 404, data: { reason: "cart_not_found" } })
        // Medusa's store rule: no publishable key, no answer.
        expect((await failure(api.get(`/store/loyalty/preview?variant_id=${jacket.id}`))).status).toBe(400)
        // The other shopper routes still need a signed-in customer.
        expect(await failure(api.get("/store/loyalty/me", { headers: guestHeaders(store.publishable_key) }))).toMatchObject({ status: 401, data: { reason: "not_authenticated" } })
      })
    })
  },
})
