import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { adminHeaders, placeOrder, registerCustomer, seedStore } from "../fixtures"

jest.setTimeout(120_000)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    describe("test fixtures", () => {
      it("seeds a store, registers a shopper and places an order of 2 items", async () => {
        const container = getContainer()
        const fixture = await seedStore(container)

        expect(fixture.publishable_key).toMatch(/^pk_/)
        expect(fixture.variants.map((v) => v.price)).toEqual([10, 25.5, 49.99, 120])

        // A second run reuses everything.
        const again = await seedStore(container)
        expect(again).toEqual(fixture)

        const { customer, headers } = await registerCustomer(api, fixture.publishable_key, {
          email: "lea@rewardflow.test",
          password: "s3cret-pass",
          first_name: "Lea",
        })
        expect(customer.email).toBe("lea@rewardflow.test")

        const [tote, coffee] = fixture.variants
        const order = await placeOrder(api, headers, fixture, {
          items: [
            { variant_id: tote.id, quantity: 1 },
            { variant_id: coffee.id, quantity: 1 },
          ],
        })
        expect(order.id).toMatch(/^order_/)
        expect(order.currency_code).toBe("eur")
        expect(order.items).toHaveLength(2)
        expect(Number(order.item_total)).toBeCloseTo(35.5, 2)
        expect(Number(order.shipping_total)).toBeCloseTo(4.9, 2)
        expect(Number(order.total)).toBeCloseTo(40.4, 2)

        // The store answer has no customer_id; the admin API shows who ordered.
        const admin = await adminHeaders(container)
        const { data } = await api.get(`/admin/orders/${order.id}?fields=id,customer_id,email`, admin)
        expect(data.order.customer_id).toBe(customer.id)
        expect(data.order.email).toBe("lea@rewardflow.test")
      })
    })
  },
})
