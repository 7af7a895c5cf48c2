import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { createShippingOptionsWorkflow } from "@medusajs/medusa/core-flows"
import { LOYALTY_MODULE } from "../../src/modules/loyalty"
import type LoyaltyModuleService from "../../src/modules/loyalty/service"
import { adminHeaders, placeOrder, registerCustomer, seedStore, subscribersDone, type StoreFixture } from "../fixtures"
import { call } from "../fixtures/http"

jest.setTimeout(120_000)

/**
 * Returns take back the points of the items that came back: through Medusa's own admin return
 * flow (request, receive, confirm), which emits `order.return_received`.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: StoreFixture
    let admin: { headers: Record<string, string> }
    let returnOptionId: string
    const eventBus = () => getContainer().resolve(Modules.EVENT_BUS)
    const loyalty = () => getContainer().resolve<LoyaltyModuleService>(LOYALTY_MODULE)
    const adminCall = (path: string, body: unknown = {}) => call(api as any, "post", path, admin.headers, body)

    beforeAll(async () => {
      store = await seedStore(getContainer())
      admin = await adminHeaders(getContainer())
      const query = getContainer().resolve("query")
      const { data: [outbound] } = await query.graph({
        entity: "shipping_option",
        fields: ["service_zone_id", "shipping_profile_id"],
        filters: { id: store.shipping_option_id },
      })
      const { result } = await createShippingOptionsWorkflow(getContainer()).run({
        input: [
          {
            name: "Return by post",
            service_zone_id: outbound.service_zone_id,
            shipping_profile_id: outbound.shipping_profile_id,
            provider_id: "manual_manual",
            price_type: "flat",
            type: { label: "Return", description: "Return by post", code: "return" },
            prices: [{ currency_code: store.currency_code, amount: 0 }],
            rules: [
              { attribute: "is_return", operator: "eq", value: "true" },
              { attribute: "enabled_in_store", operator: "eq", value: "true" },
            ],
          },
        ] as any,
      })
      returnOptionId = result[0].id
    })

    /** An order of one hoodie (49.99) and two totes (10 each), fulfilled, with its earned points. */
    async function fulfilledOrder() {
      const shopper = await registerCustomer(api as any, store.publishable_key, {
        email: `returns-${Date.now()}@rewardflow.test`,
        password: "s3cret-pass",
      })
      const placed = subscribersDone("order.placed", eventBus())
      const order = await placeOrder(api as any, shopper.headers, store, {
        items: [
          { variant_id: store.variants[2].id, quantity: 1 },
          { variant_id: store.variants[0].id, quantity: 2 },
        ],
      })
      await placed
      const { data } = await api.get(`/admin/orders/${order.id}?fields=id,items.id,items.variant_id`, admin)
      const line = (i: number) => data.order.items.find((it: any) => it.variant_id === store.variants[i].id).id
      const hoodie = line(2)
      const tote = line(0)
      await adminCall(`/admin/orders/${order.id}/fulfillments`, {
        items: [{ id: hoodie, quantity: 1 }, { id: tote, quantity: 2 }],
        location_id: store.stock_location_id,
      })
      const [account] = await loyalty().listLoyaltyAccounts({ customer_id: shopper.customer.id })
      return { order, hoodie, tote, account_id: account.id }
    }

    /** Medusa's admin return flow for `items`, received in full; waits for the loyalty subscriber. */
    async function returnItems(orderId: string, items: { id: string; quantity: number }[]) {
      const received = subscribersDone("order.return_received", eventBus())
      const { return: ret } = await adminCall("/admin/returns", { order_id: orderId, location_id: store.stock_location_id })
      await adminCall(`/admin/returns/${ret.id}/request-items`, { items })
      await adminCall(`/admin/returns/${ret.id}/shipping-method`, { shipping_option_id: returnOptionId })
      await adminCall(`/admin/returns/${ret.id}/request`)
      await adminCall(`/admin/returns/${ret.id}/receive`)
      await adminCall(`/admin/returns/${ret.id}/receive-items`, { items })
      await adminCall(`/admin/returns/${ret.id}/receive/confirm`)
      await received
      return ret.id as string
    }

    async function ledger(accountId: string) {
      const entries = await loyalty().listLoyaltyLedgerEntries({ account_id: accountId }, { order: { created_at: "ASC" } })
      const [account] = await loyalty().listLoyaltyAccounts({ id: accountId })
      const lots = await loyalty().listLoyaltyPointLots({ account_id: accountId })
      return {
        types: entries.map((e) => `${e.type}:${e.points}`),
        entries,
        balance: account.balance,
        lotSum: lots.reduce((s, l) => s + l.remaining, 0),
      }
    }

    it("a return takes back the points of the items returned; the rest of the order follows on its return", async () => {
      const { order, hoodie, tote, account_id } = await fulfilledOrder()
      // 49.99 + 2 x 10 = 69.99 EUR -> 69 points (1 per EUR, floor).
      expect((await ledger(account_id)).types).toEqual(["earn:69"])

      const first = await returnItems(order.id, [{ id: tote, quantity: 1 }])
      let l = await ledger(account_id)
      // One tote is 10 / 69.99 of what earned: floor(69 x 0.1429) = 9 points.
      expect(l.types).toEqual(["earn:69", "reverse:-9"])
      expect(l.entries[1]).toMatchObject({ source_type: "return", source_id: first, reason: "Items returned" })
      expect(l.balance).toBe(60)

      // A redelivered event takes nothing more.
      const again = subscribersDone("order.return_received", eventBus())
      await eventBus().emit({ name: "order.return_received", data: { order_id: order.id, return_id: first } })
      await again
      expect((await ledger(account_id)).balance).toBe(60)

      // Everything else comes back: together exactly what the order earned.
      await returnItems(order.id, [{ id: tote, quantity: 1 }, { id: hoodie, quantity: 1 }])
      l = await ledger(account_id)
      expect(l.types).toEqual(["earn:69", "reverse:-9", "reverse:-60"])
      expect(l.balance).toBe(0)
      expect(l.lotSum).toBe(0)
      expect((await loyalty().rebuildBalances()).drift).toEqual([])
      // The order's loyalty in the admin counts its returns.
      const { data: view } = await api.get(`/admin/loyalty/orders/${order.id}`, admin)
      expect(view.points).toEqual({ earned: 69, reversed: -69 })
      expect(view.entries.map((e: any) => e.type)).toEqual(["earn", "reverse", "reverse"])
    })

    it("points already spent are not clawed below zero: the shortfall is recorded", async () => {
      const { order, hoodie, account_id } = await fulfilledOrder()
      await loyalty().debitPoints({ account_id, type: "redeem", points: 60, source_type: "redemption", idempotency_key: `spend:${account_id}` })
      await returnItems(order.id, [{ id: hoodie, quantity: 1 }])
      const l = await ledger(account_id)
      // The hoodie earned floor(69 x 49.99 / 69.99) = 49 points; only 9 are left to take.
      expect(l.types).toEqual(["earn:69", "redeem:-60", "reverse:-9"])
      expect(l.entries[2].shortfall).toBe(40)
      expect(l.balance).toBe(0)
    })
  },
})
