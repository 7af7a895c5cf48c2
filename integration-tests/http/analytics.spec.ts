import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import BigNumberJS from "bignumber.js"
import expireLoyaltyPoints from "../../src/jobs/expire-points"
import { adminHeaders, createReturnShippingOption, failure, placeOrder, prepareCart, checkoutCart, receiveReturn, registerCustomer, seedStore, subscribersDone, type StoreFixture } from "../fixtures"
import { call } from "../fixtures/http"

jest.setTimeout(300_000)

/** The three calendar months before the current one (UTC): the history lives there, so every lot is still valid today. */
const MONTHS = [-3, -2, -1].map((offset) => {
  const now = new Date()
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1))
  return d.toISOString().slice(0, 7)
})
const [M1, M2, M3] = MONTHS
const lastDay = (month: string) => {
  const [y, m] = month.split("-").map(Number)
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, "0")}`
}
const RANGE = `from=${M1}-01&to=${lastDay(M3)}`

/**
 * The analytics reports over a known history, seeded through the store, admin and terminal APIs
 * and then moved to the months it belongs to (the rows each month wrote get that month's dates:
 * the one thing the APIs cannot do is let a test live three months). The program (UTC) earns 1
 * point per 1.00 EUR on items, floor, points valid 6 months. Products: tote 10, hoodie 49.99, jacket 120.
 * The months are the three before the current one (M1, M2, M3; September to November 2026 when written).
 *
 * M1-10: A and B enroll; A buys a jacket (+120), B a tote (+10), a guest a hoodie.
 * M2-12: C enrolls; A buys a hoodie with the reward "Five off" (50 points, 5 EUR off: +44), C a
 *   jacket (+120), B a tote (+10); at the till A earns 30 in Luxembourg Gare (Chris, Till 1) and
 *   redeems "Free coffee" (100), B earns 20 in Esch Belval (Eli, Esch till).
 * M3-16: C's M2 order is canceled (-120), A returns the jacket (-120: 44 taken, 76 owed),
 *   B's M1 points expire (10: the expiry job run some days after they expire, 6 months on, and before M2's do).
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: StoreFixture
    let admin: { headers: Record<string, string> }
    const orders: Record<string, any> = {}
    const ids: Record<string, string> = {}
    const eventBus = () => getContainer().resolve(Modules.EVENT_BUS)
    const pg = () => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
    const adminCall = (path: string, body: unknown = {}) => call(api as any, "post", path, admin.headers, body)
    const get = async (path: string) => (await api.get(path, admin)).data
    const tote = () => ({ variant_id: store.variants[0].id, quantity: 1 })
    const hoodie = () => ({ variant_id: store.variants[2].id, quantity: 1 })
    const jacket = () => ({ variant_id: store.variants[3].id, quantity: 1 })

    async function after<T>(event: string, action: () => Promise<T>) {
      const done = subscribersDone(event, eventBus())
      const result = await action()
      await done
      return result
    }

    /**
     * Gives the rows written since `since` the dates of `target` on (each keeps its distance from
     * `since`): ledger entries (append-only: the trigger is lifted for this statement only), lots
     * and their expiry, accounts, redemptions, orders.
     */
    async function moveTo(since: Date, target: string) {
      const shift = `${new Date(target).getTime() - since.getTime()} milliseconds`
      await pg().transaction(async (trx: any) => {
        await trx.raw("alter table loyalty_ledger_entry disable trigger loyalty_ledger_entry_append_only")
        await trx.raw("update loyalty_ledger_entry set created_at = created_at + ?::interval where created_at >= ?", [shift, since])
        await trx.raw("alter table loyalty_ledger_entry enable trigger loyalty_ledger_entry_append_only")
        await trx.raw("update loyalty_point_lot set expires_at = expires_at + ?::interval, created_at = created_at + ?::interval where created_at >= ?", [shift, shift, since])
        await trx.raw("update loyalty_account set enrolled_at = enrolled_at + ?::interval, created_at = created_at + ?::interval where created_at >= ?", [shift, shift, since])
        await trx.raw("update loyalty_redemption set redeemed_at = redeemed_at + ?::interval, created_at = created_at + ?::interval where created_at >= ?", [shift, shift, since])
        await trx.raw(`update "order" set created_at = created_at + ?::interval where created_at >= ?`, [shift, since])
      })
    }

    async function member(name: string) {
      const s = await registerCustomer(api as any, store.publishable_key, { email: `${name.toLowerCase()}-${Date.now()}@rewardflow.test`, password: "s3cret-pass", first_name: name })
      const { data } = await api.post("/store/loyalty/enroll", {}, { headers: s.headers })
      return { ...s, account_id: data.account.id as string, card: data.account.card_number as string }
    }
    const buy = (who: { headers: Record<string, string> } | Record<string, string>, items: any[]) =>
      after("order.placed", () => placeOrder(api as any, who as any, store, { items, ...("headers" in who ? {} : { email: "guest@rewardflow.test" }) }))

    beforeAll(async () => {
      const container = getContainer()
      // Enough totes for the standard's example below (10,000 of them).
      store = await seedStore(container, { stockedQuantity: 20_000 })
      admin = await adminHeaders(container)
      const returnOption = await createReturnShippingOption(container, store)
      await adminCall("/admin/loyalty/program", { welcome_bonus_points: 0, points_validity_months: 6, time_zone: "UTC", earn_rates: { eur: { points: 1, amount: 1 } }, rounding: "floor" })
      const fiveOff = (await adminCall("/admin/loyalty/rewards", { name: { en: "Five off", fr: "Cinq euros" }, points_cost: 50, type: "fixed_amount", amounts: { eur: 5 } })).reward
      const coffee = (await adminCall("/admin/loyalty/rewards", { name: { en: "Free coffee", fr: "=Café offert" }, points_cost: 100, type: "fixed_amount", amounts: { eur: 3 } })).reward
      ids.fiveOff = fiveOff.id
      ids.coffee = coffee.id
      for (const name of ["Luxembourg Gare", "Esch Belval"]) ids[name] = (await adminCall("/admin/stock-locations", { name })).stock_location.id
      const chris = (await adminCall("/admin/loyalty/terminal/staff", { name: "Chris", role: "cashier", stock_location_ids: [ids["Luxembourg Gare"]], pin: "482915" })).staff
      const eli = (await adminCall("/admin/loyalty/terminal/staff", { name: "Eli", role: "cashier", stock_location_ids: [ids["Esch Belval"]], pin: "615038" })).staff
      ids.chris = chris.id
      ids.eli = eli.id
      const till = async (storeId: string, name: string, staffId: string, pin: string) => {
        const { pairing_code } = await adminCall(`/admin/loyalty/terminal/stores/${storeId}/pairing-codes`)
        const { data: paired } = await api.post("/terminal/pair", { code: pairing_code.code, name })
        const { data: session } = await api.post("/terminal/sessions", { staff_id: staffId, pin }, { headers: { authorization: `Bearer ${paired.token}` } })
        return { id: paired.device.id as string, headers: { authorization: `Bearer ${paired.token}`, "x-terminal-session": session.token as string } }
      }

      // September
      let since = new Date()
      const A = await member("Ada")
      const B = await member("Ben")
      Object.assign(ids, { A: A.account_id, B: B.account_id })
      orders.aJacket = await buy(A, [jacket()])
      orders.bTote = await buy(B, [tote()])
      orders.guest = await buy({ "x-publishable-api-key": store.publishable_key }, [hoodie()])
      await moveTo(since, `${M1}-10T10:00:00.000Z`)

      // October
      since = new Date()
      const C = await member("Cleo")
      ids.C = C.account_id
      const cart = await prepareCart(api as any, A.headers, store, { items: [hoodie()] })
      await api.post(`/store/carts/${cart.id}/loyalty/redemptions`, { reward_id: fiveOff.id }, { headers: A.headers })
      orders.aHoodie = await after("order.placed", () => checkoutCart(api as any, A.headers, store, cart.id, {}))
      orders.cJacket = await buy(C, [jacket()])
      orders.bTote2 = await buy(B, [tote()])
      const gare = await till(ids["Luxembourg Gare"], "Till 1", chris.id, "482915")
      const esch = await till(ids["Esch Belval"], "Esch till", eli.id, "615038")
      ids.gareDevice = gare.id
      ids.eschDevice = esch.id
      await api.post("/terminal/awards", { account_id: A.account_id, receipt_number: "GARE-1", amount: 30, currency_code: "eur" }, { headers: gare.headers })
      await api.post("/terminal/redemptions", { account_id: A.account_id, reward_id: coffee.id, client_id: "gare-coffee-1" }, { headers: gare.headers })
      await api.post("/terminal/awards", { account_id: B.account_id, receipt_number: "ESCH-1", amount: 20, currency_code: "eur" }, { headers: esch.headers })
      await moveTo(since, `${M2}-12T10:00:00.000Z`)

      // November
      since = new Date()
      await after("order.canceled", () => adminCall(`/admin/orders/${orders.cJacket.id}/cancel`))
      const { data } = await api.get(`/admin/orders/${orders.aJacket.id}?fields=id,items.id`, admin)
      const line = data.order.items[0].id
      await adminCall(`/admin/orders/${orders.aJacket.id}/fulfillments`, { items: [{ id: line, quantity: 1 }], location_id: store.stock_location_id })
      await receiveReturn(adminCall, eventBus(), { order_id: orders.aJacket.id, location_id: store.stock_location_id, return_option_id: returnOption, items: [{ id: line, quantity: 1 }] })
      const [y, m] = M1.split("-").map(Number)
      await expireLoyaltyPoints(container, { now: new Date(Date.UTC(y, m - 1 + 6, 20)) })
      await moveTo(since, `${M3}-16T10:00:00.000Z`)
    })

    it("seeded the history the figures below are computed from (balances through the admin API)", async () => {
      const account = async (id: string) => (await get(`/admin/loyalty/accounts/${id}`)).account
      expect(await account(ids.A)).toMatchObject({ balance: 0, points_owed: 76 })
      expect(await account(ids.B)).toMatchObject({ balance: 30, points_owed: 0 })
      expect(await account(ids.C)).toMatchObject({ balance: 0, points_owed: 0 })
    })

    it("points: issued, redeemed, reversed, expired per month, balances at each month's end, the rates", async () => {
      const report = await get(`/admin/loyalty/analytics/points?${RANGE}`)
      const flows = (p: any) => [p.period, p.issued, p.redeemed, p.reversed, p.expired, p.adjusted, p.outstanding, p.owed, p.pending]
      expect(report.periods.map(flows)).toEqual([
        [M1, 130, 0, 0, 0, 0, 130, 0, 0],
        [M2, 224, 150, 0, 0, 0, 204, 0, 0],
        [M3, 0, 0, 240, 10, 0, 30, 76, 0],
      ])
      expect(report.totals).toEqual({
        issued: 354,
        redeemed: 150,
        reversed: 240,
        expired: 10,
        adjusted: 0,
        outstanding: 30,
        owed: 76,
        pending: 0,
        redemption_rate: 0.4237, // 150 / 354
        realized_breakage: 0.0282, // 10 / 354
      })
      expect(report.periods[0]).toMatchObject({ redemption_rate: 0, realized_breakage: 0 })
      expect(report.periods[2]).toMatchObject({ redemption_rate: null, realized_breakage: null })
    })

    it("points filtered: by store (the till's entries only) and by sales channel (online entries only)", async () => {
      const gare = await get(`/admin/loyalty/analytics/points?${RANGE}&stock_location_id=${ids["Luxembourg Gare"]}`)
      expect(gare.totals).toMatchObject({ issued: 30, redeemed: 100, reversed: 0 })
      expect(gare.filters).toEqual({ applied: ["stock_location_id"], not_applicable: [] })
      const online = await get(`/admin/loyalty/analytics/points?${RANGE}&sales_channel_id=${store.sales_channel_id}`)
      expect(online.totals).toMatchObject({ issued: 304, redeemed: 50, reversed: 240, expired: 0 })
      const other = await get(`/admin/loyalty/analytics/points?${RANGE}&sales_channel_id=sc_none`)
      expect(other.totals).toMatchObject({ issued: 0, redeemed: 0 })
    })

    it("members: total, new, active, enrollment rate among customers who ordered (a canceled order does not count)", async () => {
      const report = await get(`/admin/loyalty/analytics/members?${RANGE}`)
      expect(report.periods).toEqual([
        { period: M1, total: 2, new: 2, active: 2, customers_ordered: 3, members_ordered: 2, enrollment_rate: 0.6667 },
        { period: M2, total: 3, new: 1, active: 3, customers_ordered: 2, members_ordered: 2, enrollment_rate: 1 },
        { period: M3, total: 3, new: 0, active: 0, customers_ordered: 0, members_ordered: 0, enrollment_rate: null },
      ])
      expect(report.totals).toEqual({ total: 3, new: 3, active: 3, customers_ordered: 3, members_ordered: 2, enrollment_rate: 0.6667 })
      // Weekly: the buckets are ISO weeks (keyed by their Monday, the first cut to the range); C enrolled on the 12th.
      const weekly = await get(`/admin/loyalty/analytics/members?from=${M2}-01&to=${M2}-28&interval=week`)
      const [y, m] = M2.split("-").map(Number)
      const monday = (d: Date) => new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000)
      const mondays: string[] = []
      for (let t = monday(new Date(Date.UTC(y, m - 1, 1))); t <= new Date(Date.UTC(y, m - 1, 28)); t = new Date(t.getTime() + 7 * 86_400_000)) mondays.push(t.toISOString().slice(0, 10))
      const twelfth = monday(new Date(Date.UTC(y, m - 1, 12))).toISOString().slice(0, 10)
      expect(weekly.periods.map((p: any) => [p.period, p.new])).toEqual(mondays.map((k) => [k, k === twelfth ? 1 : 0]))
    })

    it("revenue: members vs non-members, order totals as Medusa's admin shows them (tax and shipping in, returns and refunds out); repeat purchase rate", async () => {
      const totalOf = async (o: any) => new BigNumberJS((await get(`/admin/orders/${o.id}?fields=id,total`)).order.total)
      const sum = async (list: any[]) => (await Promise.all(list.map(totalOf))).reduce((a, b) => a.plus(b), new BigNumberJS(0))
      const membersRevenue = await sum([orders.aJacket, orders.bTote, orders.aHoodie, orders.bTote2])
      const guestRevenue = await totalOf(orders.guest)
      const report = await get(`/admin/loyalty/analytics/revenue?${RANGE}`)
      expect(report.basis).toBe("order_total_incl_tax_and_shipping_net_of_returns_and_refunds")
      expect(report.rows).toEqual([
        { currency_code: "eur", segment: "members", orders: 4, customers: 2, revenue: membersRevenue.toFixed(2), average_order_value: membersRevenue.div(4).toFixed(2, BigNumberJS.ROUND_HALF_UP) },
        { currency_code: "eur", segment: "non_members", orders: 1, customers: 1, revenue: guestRevenue.toFixed(2), average_order_value: guestRevenue.toFixed(2) },
      ])
      // The returned jacket left the order's total: what stays is its shipping (and taxes).
      expect((await totalOf(orders.aJacket)).lt(120)).toBe(true)
      expect(report).toMatchObject({ customers_ordered: 3, repeat_customers: 2, repeat_purchase_rate: 0.6667 })
      expect((await get(`/admin/loyalty/analytics/revenue?${RANGE}&currency_code=USD`)).rows).toEqual([])
    })

    it("cohorts: the retention triangle by month of enrollment", async () => {
      const report = await get(`/admin/loyalty/analytics/cohorts?${RANGE}`)
      expect(report.cohorts).toEqual([
        { cohort: M1, members: 2, cells: [{ k: 0, customers: 2, share: 1 }, { k: 1, customers: 2, share: 1 }, { k: 2, customers: 0, share: 0 }] },
        // Cleo's only order was canceled.
        { cohort: M2, members: 1, cells: [{ k: 0, customers: 0, share: 0 }, { k: 1, customers: 0, share: 0 }] },
      ])
    })

    it("rewards: redemptions, points spent and the discount given, online and at the till", async () => {
      const { rewards } = await get(`/admin/loyalty/analytics/rewards?${RANGE}`)
      expect(rewards).toEqual([
        { reward_id: ids.coffee, name: { en: "Free coffee", fr: "=Café offert" }, redemptions: 1, points_spent: 100, discounts: [] },
        { reward_id: ids.fiveOff, name: { en: "Five off", fr: "Cinq euros" }, redemptions: 1, points_spent: 50, discounts: [{ currency_code: "eur", amount: "5.00" }] },
      ])
    })

    it("stores: points awarded and redeemed per store, device and staff member", async () => {
      const { stores } = await get(`/admin/loyalty/analytics/stores?${RANGE}`)
      expect(stores).toEqual([
        {
          stock_location_id: ids["Esch Belval"], name: "Esch Belval", points_awarded: 20, points_redeemed: 0, awards: 1, redemptions: 0,
          devices: [{ device_id: ids.eschDevice, name: "Esch till", points_awarded: 20, points_redeemed: 0 }],
          staff: [{ staff_id: ids.eli, name: "Eli", points_awarded: 20, points_redeemed: 0 }],
        },
        {
          stock_location_id: ids["Luxembourg Gare"], name: "Luxembourg Gare", points_awarded: 30, points_redeemed: 100, awards: 1, redemptions: 1,
          devices: [{ device_id: ids.gareDevice, name: "Till 1", points_awarded: 30, points_redeemed: 100 }],
          staff: [{ staff_id: ids.chris, name: "Chris", points_awarded: 30, points_redeemed: 100 }],
        },
      ])
    })

    it("liability (IFRS 15): allocation at relative stand-alone prices, recognition as points are redeemed; a new estimate changes what is recognized, not what was allocated", async () => {
      expect((await get(`/admin/loyalty/analytics/liability?${RANGE}`)).estimate).toBeNull()
      await adminCall("/admin/loyalty/program", { liability_estimate: { currency_code: "EUR", point_value: "1", expected_redemption_rate: "0.97", effective_at: `${M1}-01T00:00:00.000Z` } })
      const D = BigNumberJS.clone({ DECIMAL_PLACES: 20, ROUNDING_MODE: BigNumberJS.ROUND_HALF_UP })
      const allocate = (sales: string, points: number, rate: string) => {
        const ssp = new D(points).times(rate)
        return new D(sales).times(ssp).div(new D(sales).plus(ssp))
      }
      // September: orders 120 + 10 earning 130 points. October: 44.99 (after the reward) + 120 + 10 earning 174.
      const sept = allocate("130", 130, "0.97")
      const oct = allocate("174.99", 174, "0.97")
      const r2 = (d: BigNumberJS) => d.toFixed(2, BigNumberJS.ROUND_HALF_UP)
      const cumOct = sept.plus(oct).times(150).div(new D(354).times("0.97")) // 150 redeemed of 354 x 97 % expected
      const report = await get(`/admin/loyalty/analytics/liability?${RANGE}`)
      expect(report.estimate).toMatchObject({ currency_code: "eur", point_value: "1", expected_redemption_rate: "0.97" })
      expect(report.periods).toEqual([
        { period: M1, sales: "130.00", points_issued: 130, allocated: r2(sept), redeemed_to_date: 0, expected_to_redeem: "126.1", recognized_cumulative: "0.00", recognized: "0.00", deferred: r2(sept) },
        { period: M2, sales: "174.99", points_issued: 174, allocated: r2(oct), redeemed_to_date: 150, expected_to_redeem: "343.38", recognized_cumulative: r2(cumOct), recognized: r2(cumOct), deferred: new D(r2(sept.plus(oct))).minus(r2(cumOct)).toFixed(2) },
        // 240 points clawed back: 150 redeemed of 114 x 97 % expected is more than all: everything allocated is recognized.
        { period: M3, sales: "0.00", points_issued: 0, allocated: "0.00", redeemed_to_date: 150, expected_to_redeem: "110.58", recognized_cumulative: r2(sept.plus(oct)), recognized: new D(r2(sept.plus(oct))).minus(r2(cumOct)).toFixed(2), deferred: "0.00" },
      ])
      expect(report.totals).toEqual({ outstanding_points: 30, outstanding_value: "29.10", allocated: r2(sept.plus(oct)), recognized: r2(sept.plus(oct)), deferred: "0.00" })

      // A new estimate from November on: September's and October's allocations stay; what is recognized follows it.
      await adminCall("/admin/loyalty/program", { liability_estimate: { currency_code: "eur", point_value: "1", expected_redemption_rate: "0.5", effective_at: `${M2}-20T00:00:00.000Z` } })
      const revised = await get(`/admin/loyalty/analytics/liability?from=${M1}-01&to=${lastDay(M2)}`)
      expect(revised.periods.map((p: any) => p.allocated)).toEqual([r2(sept), r2(oct)])
      // At October's end 354 x 50 % = 177 are expected: 150 of them redeemed.
      expect(revised.periods[1]).toMatchObject({ expected_to_redeem: "177", recognized_cumulative: r2(sept.plus(oct).times(150).div(177)) })
      expect(revised.estimate).toMatchObject({ expected_redemption_rate: "0.5" })
      const refused = await failure(api.post("/admin/loyalty/program", { liability_estimate: { currency_code: "eur", point_value: "1", expected_redemption_rate: "0.9", effective_at: `${M1}-15T00:00:00.000Z` } }, admin))
      expect(refused.status).toBe(400)
      expect(refused.data.message).toContain("liability_estimate.effective_at must not be before the current estimate's")
      const bad = await failure(api.post("/admin/loyalty/program", { liability_estimate: { currency_code: "eur", point_value: "1", expected_redemption_rate: "1.5" } }, admin))
      expect(bad.status).toBe(400)
      expect(bad.data.message).toContain("liability_estimate.expected_redemption_rate")
      expect((await get("/admin/loyalty/program")).program.liability_estimate).toMatchObject({ currency_code: "eur", expected_redemption_rate: "0.5" })
    })

    it("liability on IFRS 15 IE267-IE268's own figures: sales of 100,000 earning 10,000 points worth 1 each, 97 % expected to be redeemed: 100,000 x 9,700 / 109,700 allocated", async () => {
      await adminCall("/admin/loyalty/program", {
        earn_rates: { eur: { points: 1, amount: 10 } },
        liability_estimate: { currency_code: "eur", point_value: "1", expected_redemption_rate: "0.97", effective_at: `${M1}-01T00:00:00.000Z` },
      })
      const ida = await member("Ida")
      const order = await buy(ida, [{ variant_id: store.variants[0].id, quantity: 10_000 }]) // 10,000 totes at 10.00
      const earned = await pg()("loyalty_ledger_entry").where({ source_type: "order", source_id: order.id, type: "earn" }).first()
      expect(earned.points).toBe(10_000)
      const today = new Date().toISOString().slice(0, 10)
      const { periods } = await get(`/admin/loyalty/analytics/liability?from=${today.slice(0, 7)}-01&to=${today}`)
      // The standard rounds 8,842.30 to 9,000 to illustrate; the report allocates exactly, to the cent.
      expect(periods[periods.length - 1]).toMatchObject({ sales: "100000.00", points_issued: 10_000, allocated: "8842.30" })
    })

    it("CSV exports: BOM, ',' in English and ';' with a decimal comma in French, titles in the admin's language, the formula guard on text", async () => {
      const csv = async (path: string) => {
        const res = await api.get(path, { ...admin, responseType: "arraybuffer" } as any)
        return { type: res.headers["content-type"], disposition: res.headers["content-disposition"], bytes: Buffer.from(res.data) }
      }
      const en = await csv(`/admin/loyalty/analytics/points?${RANGE}&format=csv`)
      expect(en.type).toBe("text/csv; charset=utf-8")
      expect(en.disposition).toMatch(new RegExp(`^attachment; filename="rewardflow-points-${M1}-01-${lastDay(M3)}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`))
      expect([...en.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      expect(en.bytes.toString("utf8").slice(1).split("\r\n")).toEqual([
        "Period,Points issued,Points redeemed,Points reversed,Points expired,Points adjusted,Points pending,Points owed,Points outstanding,Redemption rate,Realized breakage (expired / issued)",
        `${M1},130,0,0,0,0,0,0,130,0,0`,
        `${M2},224,150,0,0,0,0,0,204,0.6696,0`,
        `${M3},0,0,240,10,0,0,76,30,,`,
        "Total,354,150,240,10,0,0,76,30,0.4237,0.0282",
        "",
      ])
      const fr = (await csv(`/admin/loyalty/analytics/points?${RANGE}&format=csv&locale=fr`)).bytes.toString("utf8").slice(1).split("\r\n")
      expect(fr[0]).toBe("Période;Points émis;Points utilisés;Points annulés;Points expirés;Points ajustés;Points en attente;Points dus;Points en circulation;Taux d'utilisation;Expiration réalisée (expirés / émis)")
      expect(fr[4]).toBe("Total;354;150;240;10;0;0;76;30;0,4237;0,0282")
      const rewards = (await csv(`/admin/loyalty/analytics/rewards?${RANGE}&format=csv&locale=fr`)).bytes.toString("utf8").slice(1).split("\r\n")
      expect(rewards).toEqual(["Récompense;Utilisations;Points dépensés;Devise;Remise accordée", "'=Café offert;1;100;;", "Cinq euros;1;50;eur;5,00", ""])
      const de = (await csv(`/admin/loyalty/analytics/stores?${RANGE}&format=csv&locale=de`)).bytes.toString("utf8").slice(1).split("\r\n")
      expect(de[0]).toBe("Ebene;Filiale;Name;Vergebene Punkte;Eingelöste Punkte")
      expect(de).toContain("Gerät;Luxembourg Gare;Till 1;30;100")
    })

    it("test data is left out: a member flagged is_test, with the ledger entries and orders of that account, leaves every figure", async () => {
      expect((await api.post(`/admin/loyalty/accounts/${ids.B}`, { is_test: true }, admin)).status).toBe(200)
      // B's own figures: +10 (M1), +10 and +20 at the till (M2), 10 expired (M3).
      const points = await get(`/admin/loyalty/analytics/points?${RANGE}`)
      expect(points.totals).toMatchObject({ issued: 354 - 40, redeemed: 150, reversed: 240, expired: 0, outstanding: 0 })
      const members = await get(`/admin/loyalty/analytics/members?${RANGE}`)
      // B's orders are a test member's: B no longer counts among the customers who ordered either.
      expect(members.totals).toEqual({ total: 2, new: 2, active: 2, customers_ordered: 2, members_ordered: 1, enrollment_rate: 0.5 })
      const { stores } = await get(`/admin/loyalty/analytics/stores?${RANGE}`)
      expect(stores.map((s: any) => s.name)).toEqual(["Luxembourg Gare"])
      // A demo or a staging store asks for them: include_test=true counts test data again.
      const all = await get(`/admin/loyalty/analytics/points?${RANGE}&include_test=true`)
      expect(all.totals).toMatchObject({ issued: 354, expired: 10, outstanding: 30 })
      expect(all.period.include_test).toBe(true)
      expect((await get(`/admin/loyalty/analytics/members?${RANGE}&include_test=true`)).totals).toMatchObject({ total: 3, customers_ordered: 3, members_ordered: 2 })
      expect((await failure(api.get(`/admin/loyalty/analytics/points?include_test=yes`, admin))).data.message).toContain("include_test must be one of true, false, got yes")
    })

    it("bad filters are refused naming the field, an unknown report is 404, and the reports need an admin", async () => {
      const refused = async (qs: string) => (await failure(api.get(`/admin/loyalty/analytics/points?${qs}`, admin))).data.message
      expect(await refused("from=2026-13-01")).toContain("from is not a calendar date")
      expect(await refused("from=2026-11-01&to=2026-10-01")).toContain("from must be on or before to (2026-10-01)")
      expect(await refused("interval=year")).toContain("interval must be one of")
      expect(await refused("currency_code=euro")).toContain("currency_code must be a three-letter ISO 4217 code")
      expect(await refused("locale=es")).toContain("locale must be one of")
      expect(await refused("colour=red")).toContain("colour")
      expect((await failure(api.get("/admin/loyalty/analytics/weather", admin))).status).toBe(404)
      // Names every object has are no report either (found by the bad-input suite: it was a 500).
      for (const name of ["valueOf", "constructor", "__proto__", "toString"]) expect((await failure(api.get(`/admin/loyalty/analytics/${name}`, admin))).status).toBe(404)
      expect((await failure(api.get("/admin/loyalty/analytics/points"))).status).toBe(401)
    })
  },
})
