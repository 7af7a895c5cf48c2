import Medusa from "@medusajs/js-sdk"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { LOYALTY_MODULE } from "../../src/modules/loyalty"
import type LoyaltyModuleService from "../../src/modules/loyalty/service"
import rebuildBalancesScript from "../../src/scripts/rebuild-balances"
import { createStep, createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { CreditPointsInput } from "../../src/modules/loyalty/types"
import { creditPointsStep } from "../../src/workflows/loyalty/steps/credit-points"
import { settleOrderLoyaltyWorkflow } from "../../src/workflows/loyalty/workflows/settle-order-loyalty"
import {
  rewardflow,
  type LoyaltyAccount,
  type RewardFlowClient,
  type ShopperProgram,
  type StoreLoyaltyEnrollBody,
  type StoreLoyaltyEntriesQuery,
} from "../../src/client"
import {
  adminHeaders,
  failure,
  guestHeaders,
  placeOrder,
  registerCustomer,
  seedStore,
  subscribersDone,
  type StoreFixture,
} from "../fixtures"

jest.setTimeout(120_000)

/**
 * A run that credits an order's points the way the award does, then crashes: the engine must
 * compensate the credit, and a later award must not be blocked by the used key.
 */
const crashAfterCreditWorkflow = createWorkflow("test-crash-after-credit", (input: CreditPointsInput) => {
  creditPointsStep(input)
  createStep("test-crash", async () => {
    throw new Error("process crashed after crediting")
  })()
  return new WorkflowResponse(undefined)
})

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    let store: StoreFixture
    let admin: { headers: Record<string, string> }
    let luVatRate = 0
    /** The store client a storefront uses, over a js-sdk instance; each call passes the shopper's headers. */
    let storeClient: RewardFlowClient

    beforeAll(async () => {
      const container = getContainer()
      store = await seedStore(container)
      admin = await adminHeaders(container)
      storeClient = rewardflow(new Medusa({ baseUrl: (api as any).defaults.baseURL, publishableKey: store.publishable_key }))
      // A real Luxembourg VAT rate, so "taxes are not counted" is tested against real tax lines.
      const tax = container.resolve(Modules.TAX)
      const [lu] = await tax.listTaxRegions({ country_code: "lu", parent_id: null as unknown as string })
      await tax.createTaxRates({ tax_region_id: lu.id, rate: 17, code: "LU-VAT", name: "TVA 17%", is_default: true })
      luVatRate = 17
    })

    const eventBus = () => getContainer().resolve(Modules.EVENT_BUS)
    const loyalty = () => getContainer().resolve<LoyaltyModuleService>(LOYALTY_MODULE)

    async function setProgram(body: Record<string, unknown>) {
      const { data } = await api.post("/admin/loyalty/program", body, admin)
      return data.program
    }

    let shopperSeq = 0
    async function newShopper(first_name = "Lea") {
      shopperSeq++
      return await registerCustomer(api as any, store.publishable_key, {
        email: `shopper${shopperSeq}-${Date.now()}@rewardflow.test`,
        password: "s3cret-pass",
        first_name,
      })
    }

    /** Places an order and waits until every order.placed subscriber (the award) has run. */
    async function orderAndWait(headers: Record<string, string>, items: { variant_id: string; quantity: number }[]) {
      const placed = subscribersDone("order.placed", eventBus())
      const order = await placeOrder(api as any, headers, store, { items })
      await placed
      return order
    }

    async function orderTotals(orderId: string) {
      const { data } = await api.get(
        `/admin/orders/${orderId}?fields=id,display_id,item_total,item_tax_total,shipping_total,shipping_tax_total,total,sales_channel_id`,
        admin
      )
      return data.order
    }

    /** The shopper's loyalty view through the store client (`account` is null for a non-member). */
    async function me(headers: Record<string, string>) {
      return (await storeClient.me({ headers })) as { enrolled: boolean; account: LoyaltyAccount; program: ShopperProgram }
    }

    async function entries(headers: Record<string, string>, query?: StoreLoyaltyEntriesQuery) {
      return await storeClient.entries(query, { headers })
    }

    async function enroll(headers: Record<string, string>, body?: StoreLoyaltyEnrollBody) {
      return await storeClient.enroll(body, { headers })
    }

    /** Ledger sum, cached balance and lot sum of one account, read from the database. */
    async function ledgerState(accountId: string) {
      const svc = loyalty()
      const [account] = await svc.listLoyaltyAccounts({ id: accountId })
      const all = await svc.listLoyaltyLedgerEntries({ account_id: accountId }, { take: 10_000 })
      const lots = await svc.listLoyaltyPointLots({ account_id: accountId }, { take: 10_000 })
      return {
        balance: account.balance,
        ledgerSum: all.reduce((s, e) => s + e.points, 0),
        lotSum: lots.reduce((s, l) => s + l.remaining, 0),
        entries: all,
      }
    }

    const variant = (i: number) => store.variants[i]

    /** Records the loyalty events a step of a test emits, waiting until they were delivered. */
    async function recordEvents(names: Record<string, number>, action: () => Promise<unknown>) {
      const seen: Record<string, any[]> = {}
      const recorders = Object.keys(names).map((name) => {
        seen[name] = []
        const subscriber = async (event: any) => {
          seen[name].push(event.data)
        }
        const context = { subscriberId: `test-recorder-${name}` }
        eventBus().subscribe(name, subscriber, context)
        return { name, subscriber, context }
      })
      try {
        const delivered = Object.entries(names).map(([name, triggerCount]) =>
          subscribersDone(name, eventBus(), { triggerCount })
        )
        await action()
        await Promise.all(delivered)
      } finally {
        for (const r of recorders) eventBus().unsubscribe(r.name, r.subscriber, r.context)
      }
      return seen
    }

    describe("earning on orders", () => {
      it("a shopper auto-enrolls on a real order and earns points on items after tax, not shipping", async () => {
        await setProgram({ earn_rates: { EUR: { points: 1, amount: 1 } }, welcome_bonus_points: 50 })
        const shopper = await newShopper()
        expect((await me(shopper.headers)).enrolled).toBe(false)

        const order = await orderAndWait(shopper.headers, [
          { variant_id: variant(0).id, quantity: 2 },
          { variant_id: variant(1).id, quantity: 1 },
        ])
        const totals = await orderTotals(order.id)
        expect(Number(totals.item_tax_total)).toBeGreaterThan(0)
        expect(Number(totals.shipping_total)).toBeGreaterThan(0)
        const itemsNet = Number(totals.item_total) - Number(totals.item_tax_total)
        const expected = Math.floor(itemsNet)
        expect(itemsNet).toBeCloseTo(variant(0).price * 2 + variant(1).price, 2)

        const view = await me(shopper.headers)
        expect(view.enrolled).toBe(true)
        expect(view.account.balance).toBe(50 + expected)
        expect(view.account.lifetime_earned).toBe(50 + expected)
        expect(view.account.card_number).toMatch(/^9\d{15}$/)
        expect(view.program.earn_rates).toEqual({ eur: { points: 1, amount: 1 } })

        const history = await entries(shopper.headers)
        expect(history.count).toBe(2)
        expect(history.entries.map((e: any) => [e.type, e.points])).toEqual(
          expect.arrayContaining([
            ["welcome_bonus", 50],
            ["earn", expected],
          ])
        )
        const earn = history.entries.find((e: any) => e.type === "earn")!
        expect(earn.source_type).toBe("order")
        expect(earn.source_id).toBe(order.id)
        expect(earn.reason).toBe(`Order #${totals.display_id}`)
        expect(earn).not.toHaveProperty("actor_user_id")
        expect(luVatRate).toBe(17)
      })

      it("earns on what was paid for items after a promotion's discount", async () => {
        await api.post(
          "/admin/promotions",
          {
            code: "TENOFF",
            type: "standard",
            status: "active",
            is_automatic: false,
            application_method: { type: "percentage", target_type: "items", allocation: "across", value: 10 },
          },
          admin
        )
        const shopper = await newShopper()
        const placed = subscribersDone("order.placed", eventBus())
        const order = await placeOrder(api as any, shopper.headers, store, {
          items: [{ variant_id: variant(3).id, quantity: 1 }],
          promo_codes: ["TENOFF"],
        })
        await placed
        const totals = await orderTotals(order.id)
        const itemsNet = Number(totals.item_total) - Number(totals.item_tax_total)
        expect(itemsNet).toBeCloseTo(variant(3).price * 0.9, 2)
        expect((await me(shopper.headers)).account.balance).toBe(Math.floor(itemsNet))
      })

      it("counts shipping and taxes when the program says so, and rounds to nearest", async () => {
        await setProgram({
          earn_rates: { eur: { points: 3, amount: 2 } },
          count_shipping: true,
          count_taxes: true,
          rounding: "nearest",
        })
        const shopper = await newShopper()
        const order = await orderAndWait(shopper.headers, [{ variant_id: variant(2).id, quantity: 1 }])
        const totals = await orderTotals(order.id)
        const counted = Number(totals.item_total) + Number(totals.shipping_total)
        const { account } = await me(shopper.headers)
        expect(account.balance).toBe(Math.round((counted * 3) / 2))
      })

      it("an order.placed delivered twice, and two runs at once, award once", async () => {
        const shopper = await newShopper()
        const order = await orderAndWait(shopper.headers, [{ variant_id: variant(0).id, quantity: 1 }])
        const first = await me(shopper.headers)

        const again = subscribersDone("order.placed", eventBus())
        await eventBus().emit({ name: "order.placed", data: { id: order.id } })
        await again
        const runs = await Promise.all(
          [1, 2, 3].map(() => settleOrderLoyaltyWorkflow(getContainer()).run({ input: { order_id: order.id, trigger: "test" } }))
        )
        expect(runs.filter((r) => r.result.awarded)).toHaveLength(0)

        const after = await me(shopper.headers)
        expect(after.account.balance).toBe(first.account.balance)
        const earns = (await entries(shopper.headers, { type: "earn" })).entries
        expect(earns).toHaveLength(1)
        const state = await ledgerState(after.account.id)
        expect(state.ledgerSum).toBe(state.balance)
      })

      it("earns nothing on a sales channel the program does not enable, or while paused", async () => {
        const channel = await getContainer()
          .resolve(Modules.SALES_CHANNEL)
          .createSalesChannels({ name: "Pop-up store" })
        let program = await setProgram({ sales_channel_ids: [channel.id] })
        expect(program.sales_channel_ids).toEqual([channel.id])

        const shopper = await newShopper()
        await enroll(shopper.headers)
        const order = await orderAndWait(shopper.headers, [{ variant_id: variant(0).id, quantity: 1 }])
        expect((await orderTotals(order.id)).sales_channel_id).toBe(store.sales_channel_id)
        expect((await me(shopper.headers)).account.balance).toBe(0)

        program = await setProgram({ sales_channel_ids: [channel.id, store.sales_channel_id], status: "paused" })
        await orderAndWait(shopper.headers, [{ variant_id: variant(0).id, quantity: 1 }])
        expect((await me(shopper.headers)).account.balance).toBe(0)

        await setProgram({ status: "active" })
        await orderAndWait(shopper.headers, [{ variant_id: variant(0).id, quantity: 1 }])
        expect((await me(shopper.headers)).account.balance).toBe(Math.floor(variant(0).price))
      })

      it("a guest checkout earns nothing and opens no account", async () => {
        const before = await loyalty().listLoyaltyAccounts({}, { take: 1000 })
        const placed = subscribersDone("order.placed", eventBus())
        const order = await placeOrder(api as any, guestHeaders(store.publishable_key), store, {
          items: [{ variant_id: variant(3).id, quantity: 1 }],
          email: `guest-${Date.now()}@rewardflow.test`,
        })
        await placed
        const { result } = await settleOrderLoyaltyWorkflow(getContainer()).run({ input: { order_id: order.id, trigger: "test" } })
        expect(result).toMatchObject({ awarded: false, skip_reason: "not_enrolled", points: 0 })
        expect(await loyalty().listLoyaltyAccounts({}, { take: 1000 })).toHaveLength(before.length)
      })

      it("emits enrolled, earned, adjusted and reversed events with ids, points and balances", async () => {
        await setProgram({ welcome_bonus_points: 10 })
        const shopper = await newShopper()
        let order: any
        const placed = await recordEvents(
          { "loyalty.account_enrolled": 1, "loyalty.points_earned": 2 },
          async () => {
            order = await orderAndWait(shopper.headers, [{ variant_id: variant(0).id, quantity: 1 }])
          }
        )
        const { account } = await me(shopper.headers)
        const earnedPoints = Math.floor(variant(0).price)
        expect(placed["loyalty.account_enrolled"]).toEqual([
          expect.objectContaining({ id: account.id, customer_id: shopper.customer.id }),
        ])
        expect(placed["loyalty.points_earned"]).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ account_id: account.id, type: "welcome_bonus", points: 10, balance: 10 }),
            expect.objectContaining({
              account_id: account.id,
              customer_id: shopper.customer.id,
              type: "earn",
              points: earnedPoints,
              balance: 10 + earnedPoints,
              order_id: order.id,
            }),
          ])
        )

        const adjusted = await recordEvents({ "loyalty.points_adjusted": 1 }, () =>
          api.post(`/admin/loyalty/accounts/${account.id}/adjust`, { points: -5, reason: "Coffee" }, admin)
        )
        expect(adjusted["loyalty.points_adjusted"]).toEqual([
          expect.objectContaining({ account_id: account.id, points: -5, balance: 5 + earnedPoints, user_id: expect.stringMatching(/^user_/) }),
        ])

        const reversed = await recordEvents({ "loyalty.points_reversed": 1 }, () =>
          api.post(`/admin/orders/${order.id}/cancel`, {}, admin)
        )
        expect(reversed["loyalty.points_reversed"]).toEqual([
          expect.objectContaining({ account_id: account.id, points: -earnedPoints, shortfall: 0, balance: 5, order_id: order.id }),
        ])
      })

      it("a blocked account earns nothing until it is unblocked", async () => {
        const shopper = await newShopper()
        const data = await enroll(shopper.headers)
        const blocked = await api.post(`/admin/loyalty/accounts/${data.account.id}`, { status: "blocked" }, admin)
        expect(blocked.data.account.status).toBe("blocked")
        const before = (await me(shopper.headers)).account.balance
        const order = await orderAndWait(shopper.headers, [{ variant_id: variant(0).id, quantity: 1 }])
        expect((await me(shopper.headers)).account.balance).toBe(before)
        const { result } = await settleOrderLoyaltyWorkflow(getContainer()).run({ input: { order_id: order.id, trigger: "test" } })
        expect(result.skip_reason).toBe("account_blocked")

        const bad = await failure(api.post(`/admin/loyalty/accounts/${data.account.id}`, { status: "frozen" }, admin))
        expect(bad.status).toBe(400)
        expect(bad.data.message).toMatch(/status/)
        const missing = await failure(api.post(`/admin/loyalty/accounts/lacct_missing`, { status: "active" }, admin))
        expect(missing.status).toBe(404)

        await api.post(`/admin/loyalty/accounts/${data.account.id}`, { status: "active" }, admin)
        await orderAndWait(shopper.headers, [{ variant_id: variant(0).id, quantity: 1 }])
        expect((await me(shopper.headers)).account.balance).toBe(before + Math.floor(variant(0).price))
      })

      it("a shopper who opted out of auto-enrollment earns only after enrolling", async () => {
        await setProgram({ auto_enroll: false, welcome_bonus_points: 25 })
        const shopper = await newShopper()
        await orderAndWait(shopper.headers, [{ variant_id: variant(0).id, quantity: 1 }])
        expect((await me(shopper.headers)).enrolled).toBe(false)

        const first = await api.post("/store/loyalty/enroll", { locale: "lb" }, { headers: shopper.headers })
        expect(first.status).toBe(201)
        expect(first.data.account.balance).toBe(25)
        expect(first.data.account.locale).toBe("lb")
        // The statuses (201, then 200) are read here; the client answers the same body for both.
        const second = await api.post("/store/loyalty/enroll", {}, { headers: shopper.headers })
        expect(second.status).toBe(200)
        expect(second.data.account.id).toBe(first.data.account.id)
        expect(second.data.account.balance).toBe(25)

        await orderAndWait(shopper.headers, [{ variant_id: variant(1).id, quantity: 1 }])
        expect((await me(shopper.headers)).account.balance).toBe(25 + Math.floor(variant(1).price))
      })
    })

    describe("compensation", () => {
      it("a run that crashes after crediting is compensated; the next award is not blocked and cancel reverses it", async () => {
        await setProgram({ welcome_bonus_points: 0 })
        const shopper = await newShopper()
        await enroll(shopper.headers)
        await setProgram({ status: "paused" })
        const order = await orderAndWait(shopper.headers, [{ variant_id: variant(2).id, quantity: 1 }])
        await setProgram({ status: "active" })
        const points = Math.floor(variant(2).price)
        const { account } = await me(shopper.headers)
        expect(account.balance).toBe(0)

        const crashed = await crashAfterCreditWorkflow(getContainer()).run({
          throwOnError: false,
          input: {
            account_id: account.id,
            type: "earn",
            points,
            source_type: "order",
            source_id: order.id,
            idempotency_key: `earn:order:${order.id}`,
          },
        })
        expect(crashed.transaction.getState()).toBe("reverted")
        expect(crashed.errors[0].error.message).toBe("process crashed after crediting")
        let state = await ledgerState(account.id)
        expect(state.entries.map((e) => [e.type, e.points])).toEqual(
          expect.arrayContaining([["earn", points], ["reverse", -points]])
        )
        expect([state.balance, state.ledgerSum, state.lotSum]).toEqual([0, 0, 0])
        // The undoing entry keeps the source of what it undid.
        expect(state.entries.find((e) => e.idempotency_key.startsWith("compensate:"))).toMatchObject({ source_type: "order", source_id: order.id })

        const retry = await settleOrderLoyaltyWorkflow(getContainer()).run({ input: { order_id: order.id, trigger: "test" } })
        expect(retry.result).toMatchObject({ awarded: true, points })
        const replay = await settleOrderLoyaltyWorkflow(getContainer()).run({ input: { order_id: order.id, trigger: "test" } })
        expect(replay.result.awarded).toBe(false)
        expect((await me(shopper.headers)).account.balance).toBe(points)

        const canceled = subscribersDone("order.canceled", eventBus())
        await api.post(`/admin/orders/${order.id}/cancel`, {}, admin)
        await canceled
        state = await ledgerState(account.id)
        expect([state.balance, state.ledgerSum, state.lotSum]).toEqual([0, 0, 0])
        const reversal = state.entries.find((e) => e.type === "reverse" && (e.metadata as any)?.trigger === "order.canceled")
        expect(reversal).toMatchObject({ points: -points, source_type: "order", source_id: order.id })
        // The admin's order view counts the compensated run in neither figure.
        const { data: view } = await api.get(`/admin/loyalty/orders/${order.id}`, admin)
        expect(view.points).toEqual({ earned: points, reversed: -points, net: 0, owed: 0 })
      })
    })

    describe("cancellation", () => {
      it("canceling an order reverses its points; spent points leave a recorded shortfall, never a negative balance", async () => {
        await setProgram({ welcome_bonus_points: 0 })
        const shopper = await newShopper()
        const order = await orderAndWait(shopper.headers, [{ variant_id: variant(2).id, quantity: 1 }])
        const earned = (await me(shopper.headers)).account
        expect(earned.balance).toBe(Math.floor(variant(2).price))

        // The shopper spends 30 of them before the order is canceled.
        await api.post(`/admin/loyalty/accounts/${earned.id}/adjust`, { points: -30, reason: "Spent in store" }, admin)

        const canceled = subscribersDone("order.canceled", eventBus())
        await api.post(`/admin/orders/${order.id}/cancel`, {}, admin)
        await canceled

        const after = (await me(shopper.headers)).account
        expect(after.balance).toBe(0)
        const [reversal] = (await entries(shopper.headers, { type: "reverse" })).entries
        expect(reversal.points).toBe(-(earned.balance - 30))
        expect(reversal.shortfall).toBe(30)
        expect(reversal.source_id).toBe(order.id)
        // The 30 spent points are owed, shown to the shopper, and paid from the next points.
        const [debt] = (await entries(shopper.headers, { type: "debt" })).entries
        expect(debt).toMatchObject({ points: 0, owed_change: 30, source_id: order.id })
        expect(after.points_owed).toBe(30)

        // A second delivery of order.canceled changes nothing.
        const again = subscribersDone("order.canceled", eventBus())
        await eventBus().emit({ name: "order.canceled", data: { id: order.id } })
        await again
        expect((await entries(shopper.headers, { type: "reverse" })).count).toBe(1)
        const state = await ledgerState(after.id)
        expect([state.balance, state.ledgerSum, state.lotSum]).toEqual([0, 0, 0])

        const next = await orderAndWait(shopper.headers, [{ variant_id: variant(2).id, quantity: 1 }])
        const paid = (await me(shopper.headers)).account
        expect(paid).toMatchObject({ balance: Math.floor(variant(2).price) - 30, points_owed: 0 })
        const [payment] = (await entries(shopper.headers, { type: "debt_paid" })).entries
        expect(payment).toMatchObject({ points: -30, owed_change: -30, source_id: next.id })
      })
    })

    describe("admin adjustments", () => {
      async function enrolledAccount(points: number) {
        const shopper = await newShopper()
        const data = await enroll(shopper.headers)
        if (points) {
          await api.post(`/admin/loyalty/accounts/${data.account.id}/adjust`, { points, reason: "Opening balance" }, admin)
        }
        return { shopper, accountId: data.account.id as string }
      }

      it("20 parallel adjustments never take the account below zero; balance equals the ledger", async () => {
        await setProgram({ welcome_bonus_points: 0 })
        const { accountId } = await enrolledAccount(100)
        const requests = Array.from({ length: 20 }, (_, i) => {
          const points = i % 4 === 3 ? 5 : -10
          return api
            .post(`/admin/loyalty/accounts/${accountId}/adjust`, { points, reason: `parallel ${i}` }, admin)
            .then((r) => ({ points, status: r.status, data: r.data }))
            .catch((e) => ({ points, status: e.response?.status, data: e.response?.data }))
        })
        const results = await Promise.all(requests)
        const ok = results.filter((r) => r.status === 201)
        const refused = results.filter((r) => r.status !== 201)
        for (const r of refused) {
          expect(r.status).toBe(400)
          expect(r.data.message).toMatch(/Not enough points: balance \d+, 10 requested/)
        }
        expect(refused.every((r) => r.points === -10)).toBe(true)
        expect(ok.length).toBeGreaterThanOrEqual(10)
        const net = ok.reduce((s, r) => s + r.points, 0)

        const state = await ledgerState(accountId)
        expect(state.balance).toBe(100 + net)
        expect(state.balance).toBeGreaterThanOrEqual(0)
        expect(state.ledgerSum).toBe(state.balance)
        expect(state.lotSum).toBe(state.balance)
        expect(state.entries.every((e) => e.balance_after >= 0)).toBe(true)
        const { drift } = await loyalty().rebuildBalances()
        expect(drift).toEqual([])
      })

      it("records the acting admin and the reason; a replayed Idempotency-Key returns the first result", async () => {
        const { accountId } = await enrolledAccount(0)
        const headers = { ...admin.headers, "idempotency-key": "adjust-42" }
        const first = await api.post(`/admin/loyalty/accounts/${accountId}/adjust`, { points: 40, reason: "Goodwill" }, { headers })
        const second = await api.post(`/admin/loyalty/accounts/${accountId}/adjust`, { points: 40, reason: "Goodwill" }, { headers })
        expect(first.status).toBe(201)
        expect(second.status).toBe(200)
        expect(second.data.replayed).toBe(true)
        expect(second.data.entry.id).toBe(first.data.entry.id)
        expect(second.data.account.balance).toBe(40)

        const reused = await failure(
          api.post(`/admin/loyalty/accounts/${accountId}/adjust`, { points: -5, reason: "Other" }, { headers })
        )
        expect(reused.status).toBe(400)
        expect(reused.data.message).toMatch(/Idempotency-Key/)

        const { data } = await api.get(`/admin/loyalty/accounts/${accountId}`, admin)
        expect(data.account.balance).toBe(40)
        expect(data.entries).toHaveLength(1)
        expect(data.entries[0]).toMatchObject({ type: "adjust", points: 40, reason: "Goodwill", source_type: "admin" })
        expect(data.entries[0].actor_user_id).toMatch(/^user_/)
        expect(data.account.customer.email).toMatch(/@rewardflow\.test$/)

        await api.post(`/admin/loyalty/accounts/${accountId}/adjust`, { points: 2, reason: "Second" }, admin)
        await api.post(`/admin/loyalty/accounts/${accountId}/adjust`, { points: 3, reason: "Third" }, admin)
        const page = await api.get(`/admin/loyalty/accounts/${accountId}?limit=1&offset=1`, admin)
        expect(page.data.entries_count).toBe(3)
        expect(page.data.entries.map((e: any) => e.reason)).toEqual(["Second"])
      })

      it("finds accounts by email or card number", async () => {
        const { shopper, accountId } = await enrolledAccount(0)
        const card = (await me(shopper.headers)).account.card_number as string
        const byEmail = await api.get(`/admin/loyalty/accounts?q=${encodeURIComponent(shopper.customer.email.slice(0, 12))}`, admin)
        expect(byEmail.data.accounts.map((a: any) => a.id)).toContain(accountId)
        const spaced = card.replace(/(\d{4})(?=\d)/g, "$1 ")
        const byCard = await api.get(`/admin/loyalty/accounts?q=${encodeURIComponent(spaced)}`, admin)
        expect(byCard.data.accounts.map((a: any) => a.id)).toEqual([accountId])
        const none = await api.get(`/admin/loyalty/accounts?q=nobody-here`, admin)
        expect(none.data).toMatchObject({ accounts: [], count: 0 })
        const byCustomer = await api.get(`/admin/loyalty/accounts?customer_id=${shopper.customer.id}`, admin)
        expect(byCustomer.data.accounts.map((a: any) => a.id)).toEqual([accountId])
      })

      it("an admin enrolls a customer (201, then 200), recorded as the acting user", async () => {
        await setProgram({ welcome_bonus_points: 15 })
        const shopper = await newShopper()
        const first = await api.post("/admin/loyalty/accounts", { customer_id: shopper.customer.id }, admin)
        const again = await api.post("/admin/loyalty/accounts", { customer_id: shopper.customer.id }, admin)
        expect(first.status).toBe(201)
        expect(again.status).toBe(200)
        expect(again.data.account.id).toBe(first.data.account.id)
        expect(first.data.account).toMatchObject({ balance: 15, customer: { id: shopper.customer.id } })
        const { data } = await api.get(`/admin/loyalty/accounts/${first.data.account.id}`, admin)
        expect(data.entries).toEqual([
          expect.objectContaining({ type: "welcome_bonus", points: 15, actor_user_id: expect.stringMatching(/^user_/) }),
        ])
        const unknown = await failure(api.post("/admin/loyalty/accounts", { customer_id: "cus_nope" }, admin))
        expect(unknown.status).toBe(400)
        expect(unknown.data.message).toMatch(/customer_id: no customer with id cus_nope/)
        expect((await me(shopper.headers)).account.balance).toBe(15)
      })
    })

    describe("ledger health", () => {
      it("the rebuild-balances exec script reports injected drift and fixes it with --fix", async () => {
        const shopper = await newShopper()
        const data = await enroll(shopper.headers)
        const accountId = data.account.id
        await api.post(`/admin/loyalty/accounts/${accountId}/adjust`, { points: 30, reason: "Gift" }, admin)
        await dbConnection.raw("update loyalty_account set balance = balance + 7 where id = ?", [accountId])

        const exitCode = process.exitCode
        try {
          const report = await rebuildBalancesScript({ container: getContainer(), args: [] } as any)
          expect(report.drift).toEqual([
            {
              account_id: accountId, cached_balance: 37, ledger_balance: 30, lot_balance: 30,
              cached_points_owed: 0, ledger_points_owed: 0, cached_lifetime_earned: 0, ledger_lifetime_earned: 0, lots: [],
            },
          ])
          expect(process.exitCode).toBe(1)
          const fixed = await rebuildBalancesScript({ container: getContainer(), args: ["--fix"] } as any)
          expect(fixed.fixed).toBe(true)
        } finally {
          process.exitCode = exitCode
        }
        expect((await me(shopper.headers)).account.balance).toBe(30)
        expect((await loyalty().rebuildBalances()).drift).toEqual([])
      })
    })

    describe("validation and access", () => {
      it("bad bodies and queries get 400 naming the field, and change nothing", async () => {
        const shopper = await newShopper()
        const data = await enroll(shopper.headers)
        const accountId = data.account.id
        const before = (await me(shopper.headers)).account.balance
        const adjust = (body: unknown) => failure(api.post(`/admin/loyalty/accounts/${accountId}/adjust`, body, admin))

        const cases: [Promise<{ status: number; data: any }>, RegExp][] = [
          [adjust({ points: "abc", reason: "x" }), /points/],
          [adjust({ points: 1.5, reason: "x" }), /points/],
          [adjust({ points: 0, reason: "x" }), /points must not be 0/],
          [adjust({ points: 10 }), /reason/],
          [adjust({ points: 10, reason: "   " }), /reason/],
          [adjust({ points: 10, reason: "x", extra: 1 }), /extra/],
          [failure(api.post("/admin/loyalty/program", { rounding: "up" }, admin)), /rounding/],
          [failure(api.post("/admin/loyalty/program", { earn_rates: { euro: { points: 1, amount: 1 } } }, admin)), /earn_rates/],
          [failure(api.post("/admin/loyalty/program", { welcome_bonus_points: -5 }, admin)), /welcome_bonus_points/],
          [failure(api.post("/admin/loyalty/program", { sales_channel_ids: ["sc_missing"] }, admin)), /sales_channel_ids/],
          [failure(api.post("/store/loyalty/enroll", { locale: "xx" }, { headers: shopper.headers })), /locale/],
          [failure(api.get("/store/loyalty/me/entries?limit=1000", { headers: shopper.headers })), /limit/],
          [failure(api.get("/store/loyalty/me?expand=everything", { headers: shopper.headers })), /expand/],
          [failure(api.get("/admin/loyalty/program?fields=secret", admin)), /fields/],
        ]
        for (const [pending, field] of cases) {
          const { status, data } = await pending
          expect(status).toBe(400)
          expect(data.message).toMatch(field)
        }
        expect((await me(shopper.headers)).account.balance).toBe(before)
        const program = (await api.get("/admin/loyalty/program", admin)).data.program
        expect(program.rounding).not.toBe("up")
        expect(program.sales_channel_ids).not.toContain("sc_missing")
      })

      it("a shopper sees only their own account; anonymous and customer tokens cannot reach admin routes", async () => {
        const alice = await newShopper("Alice")
        const bob = await newShopper("Bob")
        const data = await enroll(alice.headers)
        const aliceAccount = data.account
        await api.post(`/admin/loyalty/accounts/${aliceAccount.id}/adjust`, { points: 77, reason: "Gift" }, admin)

        const bobView = await me(bob.headers)
        expect(bobView.enrolled).toBe(false)
        expect(bobView.account).toBeNull()
        expect((await entries(bob.headers)).entries).toEqual([])
        expect(JSON.stringify(bobView)).not.toContain(aliceAccount.card_number)

        const anonymousStore = await storeClient.me({ headers: guestHeaders(store.publishable_key) }).catch((e) => e)
        expect(anonymousStore.status).toBe(401)
        for (const url of ["/admin/loyalty/program", "/admin/loyalty/accounts", `/admin/loyalty/accounts/${aliceAccount.id}`]) {
          expect((await failure(api.get(url))).status).toBe(401)
          expect((await failure(api.get(url, { headers: { authorization: bob.headers.authorization } }))).status).toBe(401)
        }
        const anonymousAdjust = await failure(
          api.post(`/admin/loyalty/accounts/${aliceAccount.id}/adjust`, { points: 1000, reason: "hack" })
        )
        expect(anonymousAdjust.status).toBe(401)
        expect((await me(alice.headers)).account.balance).toBe(77)
      })
    })
  },
})
