import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import retryOrderLoyalty from "../../src/jobs/retry-order-loyalty"
import { LOYALTY_MODULE } from "../../src/modules/loyalty"
import { LedgerKernel } from "../../src/modules/loyalty/lib/ledger/kernel"
import type LoyaltyModuleService from "../../src/modules/loyalty/service"
import { releaseAbandonedRedemptions } from "../../src/workflows/redemption"
import { adminHeaders, checkoutCart, createReturnShippingOption, failure, placeOrder, prepareCart, registerCustomer, seedStore, subscribersDone, type StoreFixture } from "../fixtures"
import { call } from "../fixtures/http"

jest.setTimeout(180_000)

/**
 * An order's points across its whole life, through Medusa's own store and admin routes: cancel
 * (`POST /admin/orders/:id/cancel`), returns received in passes, refunds without a return
 * (`POST /admin/payments/:id/refund`), exchanges, claims and order edits, with redemptions and
 * with events arriving late or twice. One hoodie (49.99) and two totes (10 each), shipping 4.90,
 * no tax: the order earns floor(69.99) = 69 points on its items.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: StoreFixture
    let admin: { headers: Record<string, string> }
    let returnOptionId: string
    const eventBus = () => getContainer().resolve(Modules.EVENT_BUS)
    const loyalty = () => getContainer().resolve<LoyaltyModuleService>(LOYALTY_MODULE)
    const adminCall = (path: string, body: unknown = {}) => call(api as any, "post", path, admin.headers, body)
    const variant = (i: number) => store.variants[i]

    beforeAll(async () => {
      store = await seedStore(getContainer())
      admin = await adminHeaders(getContainer())
      returnOptionId = await createReturnShippingOption(getContainer(), store)
      await adminCall("/admin/loyalty/program", {
        welcome_bonus_points: 0,
        points_as_money: { enabled: true, value_per_point: { eur: 0.01 }, max_cart_share: 1 },
      })
    })

    let seq = 0
    async function shopper(points = 0) {
      seq++
      const s = await registerCustomer(api as any, store.publishable_key, { email: `life${seq}-${Date.now()}@rewardflow.test`, password: "s3cret-pass" })
      const { data } = await api.post("/store/loyalty/enroll", {}, { headers: s.headers })
      if (points) await adminCall(`/admin/loyalty/accounts/${data.account.id}/adjust`, { points, reason: "test balance" })
      return { ...s, account_id: data.account.id as string }
    }

    const BASKET = () => [
      { variant_id: variant(2).id, quantity: 1 },
      { variant_id: variant(0).id, quantity: 2 },
    ]

    /** Places the basket and waits for the coordinator; returns the order with its line ids. */
    async function order(s: Awaited<ReturnType<typeof shopper>>, items = BASKET()) {
      const placed = subscribersDone("order.placed", eventBus())
      const o = await placeOrder(api as any, s.headers, store, { items })
      await placed
      return await lines(o.id)
    }

    async function lines(orderId: string) {
      const { data } = await api.get(`/admin/orders/${orderId}?fields=id,items.id,items.variant_id,payment_collections.payments.id`, admin)
      const line = (i: number) => data.order.items.find((it: any) => it.variant_id === variant(i).id)?.id
      return { id: orderId as string, hoodie: line(2), tote: line(0), payment: data.order.payment_collections[0].payments[0].id as string }
    }

    async function fulfil(o: { id: string; hoodie: string; tote: string }) {
      await adminCall(`/admin/orders/${o.id}/fulfillments`, { items: [{ id: o.hoodie, quantity: 1 }, { id: o.tote, quantity: 2 }], location_id: store.stock_location_id })
    }

    /** Runs `action`, then waits until the subscribers of `event` have run (`times` deliveries). */
    async function after<T>(event: string, action: () => Promise<T>, times = 1) {
      const done = subscribersDone(event, eventBus(), { triggerCount: times })
      const result = await action()
      await done
      return result
    }

    async function me(s: { headers: Record<string, string> }) {
      return (await api.get("/store/loyalty/me", { headers: s.headers })).data.account
    }

    /** The order's points as the ledger has them, the account's figures, and the whole ledger consistent. */
    async function points(orderId: string, accountId: string) {
      const state = await loyalty().retrieveOrderPointsState(orderId)
      const [account] = await loyalty().listLoyaltyAccounts({ id: accountId })
      expect((await loyalty().rebuildBalances()).drift).toEqual([])
      return { net: state.net, balance: account.balance, owed: (account as any).points_owed, types: state.entries.map((e) => `${e.type}:${e.points}`) }
    }

    /** Medusa's admin return flow: request `items`, then receive them in `passes` (each a list of items). */
    async function returnInPasses(orderId: string, items: { id: string; quantity: number }[], passes: { id: string; quantity: number }[][]) {
      const { return: ret } = await adminCall("/admin/returns", { order_id: orderId, location_id: store.stock_location_id })
      await adminCall(`/admin/returns/${ret.id}/request-items`, { items })
      await adminCall(`/admin/returns/${ret.id}/shipping-method`, { shipping_option_id: returnOptionId })
      await adminCall(`/admin/returns/${ret.id}/request`)
      for (const pass of passes) await receive(ret.id, pass)
      return ret.id as string
    }

    /** One pass of Medusa's receive flow on a return (a return, or a claim's or exchange's). */
    async function receive(returnId: string, items: { id: string; quantity: number }[]) {
      await after("order.return_received", async () => {
        await adminCall(`/admin/returns/${returnId}/receive`)
        await adminCall(`/admin/returns/${returnId}/receive-items`, { items })
        await adminCall(`/admin/returns/${returnId}/receive/confirm`)
      })
    }

    const capture = (paymentId: string) => adminCall(`/admin/payments/${paymentId}/capture`)
    const refund = (paymentId: string, amount: number) => after("payment.refunded", () => adminCall(`/admin/payments/${paymentId}/refund`, { amount }))
    const cancel = (orderId: string) => after("order.canceled", () => adminCall(`/admin/orders/${orderId}/cancel`))

    /** A cart of the basket with `points` paying part of it (points as money), ready to complete. */
    async function cartPaidWithPoints(s: Awaited<ReturnType<typeof shopper>>, pointsToSpend: number) {
      const cart = await prepareCart(api as any, s.headers, store, { items: BASKET() })
      const { data } = await api.post(`/store/carts/${cart.id}/loyalty/redemptions`, { points: pointsToSpend }, { headers: s.headers })
      return { cart_id: cart.id as string, redemption: data.redemption }
    }

    /** Holds the shopper's account row (another long change) while `action` runs; lock waits give up after 300 ms. */
    async function whileAccountBusy<T>(accountId: string, action: () => Promise<T>): Promise<T> {
      const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const waited = LedgerKernel.lockTimeoutMs
      LedgerKernel.lockTimeoutMs = 300
      try {
        return await pg.transaction(async (trx: any) => {
          await trx.raw("select id from loyalty_account where id = ? for update", [accountId])
          return await action()
        })
      } finally {
        LedgerKernel.lockTimeoutMs = waited
      }
    }

    const redemption = async (id: string) => (await loyalty().listLoyaltyRedemptions({ id }))[0]

    describe("cancel", () => {
      it("reserved points escape no clawback: welcome 50 + order 20, all reserved, order canceled, reward removed -> 50, not 70", async () => {
        const s = await shopper(50)
        const a = await order(s, [{ variant_id: variant(0).id, quantity: 2 }])
        expect(await points(a.id, s.account_id)).toMatchObject({ net: 20, balance: 70 })
        const b = await cartPaidWithPoints(s, 70)
        expect((await me(s)).balance).toBe(0)

        await cancel(a.id)
        // The order's 20 points are reserved on cart B: they are owed, not lost and not left.
        expect(await points(a.id, s.account_id)).toMatchObject({ net: 0, balance: 0, owed: 20, types: ["earn:20", "reverse:0", "debt:0"] })
        expect(await me(s)).toMatchObject({ balance: 0, points_owed: 20 })
        const { data: view } = await api.get(`/admin/loyalty/accounts/${s.account_id}`, admin)
        expect(view.account.points_owed).toBe(20)

        // Removing the reward gives the 70 back, of which 20 pay the debt.
        await (api as any).delete(`/store/carts/${b.cart_id}/loyalty/redemptions/${b.redemption.id}`, { headers: s.headers })
        expect(await me(s)).toMatchObject({ balance: 50, points_owed: 0 })
        const history = (await api.get("/store/loyalty/me/entries?limit=3", { headers: s.headers })).data.entries
        expect(history.map((e: any) => [e.type, e.points, e.owed_change])).toEqual([
          ["debt_paid", -20, -20],
          ["release", 70, 0],
          ["debt", 0, 20],
        ])
      })

      it("a capture that failed once, then a cancel, then the retry: the reserved points come back, nothing is spent or earned", async () => {
        const s = await shopper(300)
        const { cart_id, redemption: r } = await cartPaidWithPoints(s, 200)
        expect((await me(s)).balance).toBe(100)
        // order.placed finds the account busy: the coordinator fails and is recorded for retry.
        const placed = await whileAccountBusy(s.account_id, () =>
          after("order.placed", () => checkoutCart(api as any, s.headers, store, cart_id))
        )
        expect((await redemption(r.id)).status).toBe("reserved")
        const [retry] = await loyalty().listLoyaltyOrderRetries({ order_id: placed.id })
        expect(retry).toMatchObject({ trigger: "order.placed", attempts: 1 })
        expect(retry.last_error).toContain("is busy")

        await cancel(placed.id)
        expect(await redemption(r.id)).toMatchObject({ status: "released", released_reason: `Order ${placed.id} was canceled` })
        expect(await me(s)).toMatchObject({ balance: 300, points_owed: 0 })

        // The retries come late: the job, a redelivered order.placed, the release job. Nothing changes.
        const job = await retryOrderLoyalty(getContainer(), { now: new Date(Date.now() + 3600_000) })
        expect(job.settled).toContain(placed.id)
        expect(await loyalty().listLoyaltyOrderRetries({ order_id: placed.id })).toEqual([])
        await after("order.placed", () => eventBus().emit({ name: "order.placed", data: { id: placed.id } }))
        await releaseAbandonedRedemptions(getContainer(), { now: new Date(Date.now() + 48 * 3600_000) })
        const l = await points(placed.id, s.account_id)
        expect(l).toMatchObject({ net: 0, balance: 300, owed: 0, types: [] })
        const promotion = (await getContainer().resolve(Modules.PROMOTION).listPromotions({ code: r.promotion_code }))[0]
        expect(promotion.status).toBe("inactive")
      })

      it("a late award after a cancel credits nothing; a cancel after the award takes back and gives spent points back", async () => {
        const s = await shopper(0)
        const placed = await whileAccountBusy(s.account_id, async () =>
          after("order.placed", () => placeOrder(api as any, s.headers, store, { items: BASKET() }))
        )
        expect((await me(s)).balance).toBe(0)
        await cancel(placed.id)
        await after("order.placed", () => eventBus().emit({ name: "order.placed", data: { id: placed.id } }))
        expect(await points(placed.id, s.account_id)).toMatchObject({ net: 0, balance: 0, types: [] })

        const rich = await shopper(100)
        const { cart_id } = await cartPaidWithPoints(rich, 100)
        const spent = await after("order.placed", () => checkoutCart(api as any, rich.headers, store, cart_id))
        // Paid 69.99 - 1.00 for the items: 68 points.
        expect(await points(spent.id, rich.account_id)).toMatchObject({ net: 68, balance: 68 })
        await cancel(spent.id)
        expect(await points(spent.id, rich.account_id)).toMatchObject({ net: 0, balance: 100, owed: 0 })
        // order.canceled delivered twice changes nothing.
        await after("order.canceled", () => eventBus().emit({ name: "order.canceled", data: { id: spent.id } }))
        expect(await points(spent.id, rich.account_id)).toMatchObject({ net: 0, balance: 100, owed: 0 })
      })
    })

    describe("redemptions on a completed cart", () => {
      it("the shopper cannot release a reward once the cart completed: 400, and its points are spent on the order", async () => {
        const s = await shopper(200)
        const { cart_id, redemption: r } = await cartPaidWithPoints(s, 150)
        const placed = await whileAccountBusy(s.account_id, () => after("order.placed", () => checkoutCart(api as any, s.headers, store, cart_id)))
        const refused = await failure((api as any).delete(`/store/carts/${cart_id}/loyalty/redemptions/${r.id}`, { headers: s.headers }))
        expect(refused.status).toBe(400)
        expect(refused.data.message).toBe(
          `Cart ${cart_id} was completed (order ${placed.id}): the reward is part of the order, and its points come back only if the order is canceled`
        )
        expect((await me(s)).balance).toBe(50)
        expect((await redemption(r.id)).status).toBe("reserved")

        await retryOrderLoyalty(getContainer(), { now: new Date(Date.now() + 3600_000) })
        expect(await redemption(r.id)).toMatchObject({ status: "redeemed", order_id: placed.id })
        // 69.99 - 1.50 paid for the items.
        expect(await points(placed.id, s.account_id)).toMatchObject({ net: 68, balance: 50 + 68 })
        const spentRefused = await failure((api as any).delete(`/store/carts/${cart_id}/loyalty/redemptions/${r.id}`, { headers: s.headers }))
        expect(spentRefused.status).toBe(400)
        expect(spentRefused.data.message).toBe(`Redemption ${r.id} was already spent on order ${placed.id}`)
      })
    })

    describe("returns", () => {
      it("a return received in two passes takes back both; a redelivered event takes nothing more", async () => {
        const s = await shopper()
        const o = await order(s)
        // Captured first: a return confirmed on an order paid by authorization only makes Medusa
        // replace the payment collection.
        await capture(o.payment)
        await fulfil(o)
        expect(await points(o.id, s.account_id)).toMatchObject({ net: 69, balance: 69 })

        const returnId = await returnInPasses(o.id, [{ id: o.tote, quantity: 2 }], [[{ id: o.tote, quantity: 1 }]])
        // 59.99 kept: 59 points.
        expect(await points(o.id, s.account_id)).toMatchObject({ net: 59, balance: 59, types: ["earn:69", "reverse:-10"] })
        // The second pass of the same return.
        await receive(returnId, [{ id: o.tote, quantity: 1 }])
        expect(await points(o.id, s.account_id)).toMatchObject({ net: 49, balance: 49, types: ["earn:69", "reverse:-10", "reverse:-10"] })
        await after("order.return_received", () => eventBus().emit({ name: "order.return_received", data: { order_id: o.id, return_id: returnId } }))
        expect((await points(o.id, s.account_id)).net).toBe(49)

        // Refunding what the return made the order owe takes nothing more (no double count).
        await refund(o.payment, 20)
        expect(await points(o.id, s.account_id)).toMatchObject({ net: 49, balance: 49 })
        const { data: view } = await api.get(`/admin/loyalty/orders/${o.id}`, admin)
        expect(view.points).toEqual({ earned: 69, reversed: -20, net: 49, owed: 0 })
        expect(view.entries.map((e: any) => e.reason)).toEqual(expect.arrayContaining([expect.stringMatching(/: items returned$/)]))
      })

      it("points already spent are owed, never clawed below zero; the next order pays the debt", async () => {
        const s = await shopper()
        const o = await order(s)
        await fulfil(o)
        await adminCall(`/admin/loyalty/accounts/${s.account_id}/adjust`, { points: -60, reason: "Spent in store" })
        await returnInPasses(o.id, [{ id: o.hoodie, quantity: 1 }], [[{ id: o.hoodie, quantity: 1 }]])
        // The hoodie earned 49 (69 -> 20): 9 are left to take, 40 are owed.
        expect(await points(o.id, s.account_id)).toMatchObject({ net: 20, balance: 0, owed: 40 })
        await order(s)
        // The next order's 69 pay the 40 first.
        expect(await me(s)).toMatchObject({ balance: 29, points_owed: 0 })
      })
    })

    describe("refunds, exchanges, claims and edits", () => {
      it("a refund without a return takes back the refunded share of the order", async () => {
        const s = await shopper()
        const o = await order(s)
        await capture(o.payment)
        await refund(o.payment, 10)
        // 64.89 of 74.89 kept: floor(69.99 x 64.89 / 74.89) = 60.
        expect(await points(o.id, s.account_id)).toMatchObject({ net: 60, balance: 60, types: ["earn:69", "reverse:-9"] })
        await refund(o.payment, 5)
        expect(await points(o.id, s.account_id)).toMatchObject({ net: 55, balance: 55 })
        // A refund delivered twice changes nothing.
        await after("payment.refunded", () => eventBus().emit({ name: "payment.refunded", data: { id: o.payment } }))
        expect((await points(o.id, s.account_id)).net).toBe(55)
        await cancel(o.id)
        expect(await points(o.id, s.account_id)).toMatchObject({ net: 0, balance: 0 })
      })

      it("an exchange earns on what the shopper keeps once the returned item is back", async () => {
        const s = await shopper()
        const o = await order(s)
        await capture(o.payment)
        await fulfil(o)
        const { exchange } = await adminCall("/admin/exchanges", { order_id: o.id })
        await adminCall(`/admin/exchanges/${exchange.id}/inbound/items`, { items: [{ id: o.hoodie, quantity: 1 }], location_id: store.stock_location_id })
        await adminCall(`/admin/exchanges/${exchange.id}/inbound/shipping-method`, { shipping_option_id: returnOptionId })
        await adminCall(`/admin/exchanges/${exchange.id}/outbound/items`, { items: [{ variant_id: variant(0).id, quantity: 2 }] })
        const confirmed = await after("order.exchange_created", () => adminCall(`/admin/exchanges/${exchange.id}/request`))
        // Until the hoodie is back the order counts both: no change.
        expect((await points(o.id, s.account_id)).net).toBe(69)
        const returnId = confirmed.return?.id ?? confirmed.exchange.return_id
        await receive(returnId, [{ id: o.hoodie, quantity: 1 }])
        // Four totes kept: 40 points.
        expect(await points(o.id, s.account_id)).toMatchObject({ net: 40, balance: 40 })
      })

      it("a replacement claim earns nothing more; a write-off claim refunded takes back the refunded share", async () => {
        const s = await shopper()
        const o = await order(s)
        await capture(o.payment)
        await fulfil(o)
        const replace = (await adminCall("/admin/claims", { type: "replace", order_id: o.id })).claim
        await adminCall(`/admin/claims/${replace.id}/claim-items`, { items: [{ id: o.tote, quantity: 1, reason: "production_failure" }] })
        await adminCall(`/admin/claims/${replace.id}/outbound/items`, { items: [{ variant_id: variant(0).id, quantity: 1 }] })
        await after("order.claim_created", () => adminCall(`/admin/claims/${replace.id}/request`))
        expect(await points(o.id, s.account_id)).toMatchObject({ net: 69, balance: 69 })

        const writeOff = (await adminCall("/admin/claims", { type: "refund", order_id: o.id })).claim
        await adminCall(`/admin/claims/${writeOff.id}/claim-items`, { items: [{ id: o.tote, quantity: 1, reason: "production_failure" }] })
        await after("order.claim_created", () => adminCall(`/admin/claims/${writeOff.id}/request`))
        // A write-off alone changes no money.
        expect((await points(o.id, s.account_id)).net).toBe(69)
        // The unpaid replacement (10) does not hide the refund: 64.89 of 74.89 kept.
        await refund(o.payment, 10)
        expect(await points(o.id, s.account_id)).toMatchObject({ net: 60, balance: 60 })
      })

      it("an order edit that removes a unit takes its points back; one that adds items earns nothing more", async () => {
        const s = await shopper()
        const o = await order(s)
        await capture(o.payment)
        await adminCall("/admin/order-edits", { order_id: o.id })
        await adminCall(`/admin/order-edits/${o.id}/items/item/${o.tote}`, { quantity: 1 })
        await adminCall(`/admin/order-edits/${o.id}/request`)
        await after("order-edit.confirmed", () => adminCall(`/admin/order-edits/${o.id}/confirm`))
        expect(await points(o.id, s.account_id)).toMatchObject({ net: 59, balance: 59 })

        await adminCall("/admin/order-edits", { order_id: o.id })
        await adminCall(`/admin/order-edits/${o.id}/items`, { items: [{ variant_id: variant(1).id, quantity: 1 }] })
        await adminCall(`/admin/order-edits/${o.id}/request`)
        await after("order-edit.confirmed", () => adminCall(`/admin/order-edits/${o.id}/confirm`))
        // 59.99 + 25.50 kept, but an order never earns more than it did when placed.
        expect(await points(o.id, s.account_id)).toMatchObject({ net: 69, balance: 69 })
      })
    })
  },
})
