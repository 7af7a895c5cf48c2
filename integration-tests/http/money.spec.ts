import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { adminHeaders, checkoutCart, failure, prepareCart, registerCustomer, seedStore, subscribersDone, type StoreFixture } from "../fixtures"

jest.setTimeout(180_000)

/**
 * Discounts in the cart currency's precision through the store API: a region in JPY (no
 * decimals) and one in KWD (three), where float money with two decimals gave 123.4 JPY or
 * rounded fils away.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let jpy: StoreFixture
    let kwd: StoreFixture
    let admin: { headers: Record<string, string> }
    let tenPercent: any

    /** One region per currency, with its own shipping and one product priced there. */
    const region = (currencyCode: string, name: string, country: string, shippingPrice: number, product: { handle: string; price: number }) =>
      seedStore(getContainer(), {
        currencyCode,
        regionName: name,
        countries: [country],
        fulfillmentSetName: `${name} delivery`,
        serviceZoneName: name,
        shippingOptionName: `${name} shipping`,
        shippingPrice,
        products: [{ title: `RewardFlow ${product.handle}`, handle: product.handle, sku: product.handle.toUpperCase(), price: product.price }],
      })

    beforeAll(async () => {
      const container = getContainer()
      jpy = await region("jpy", "Japan", "jp", 500, { handle: "rf-tea-set", price: 1234 })
      kwd = await region("kwd", "Kuwait", "kw", 1.5, { handle: "rf-dates-box", price: 12.345 })
      admin = await adminHeaders(container)
      tenPercent = (await api.post("/admin/loyalty/rewards", { name: { en: "10% off" }, points_cost: 100, type: "percentage", percentage: 10 }, admin)).data.reward
      // Half a yen and one fils per point: finer than JPY, exactly KWD's unit.
      await api.post("/admin/loyalty/program", { points_as_money: { enabled: true, value_per_point: { jpy: 0.5, kwd: 0.001 }, max_cart_share: 0.5 } }, admin)
    })

    let seq = 0
    async function shopper(fixture: StoreFixture, points: number) {
      const s = await registerCustomer(api as any, fixture.publishable_key, { email: `money${++seq}-${Date.now()}@rewardflow.test`, password: "s3cret-pass", first_name: "Aiko" })
      const { data } = await api.post("/store/loyalty/enroll", {}, { headers: s.headers })
      await api.post(`/admin/loyalty/accounts/${data.account.id}/adjust`, { points, reason: "test balance" }, admin)
      return s
    }

    const apply = (headers: Record<string, string>, cartId: string, body: Record<string, unknown>) =>
      api.post(`/store/carts/${cartId}/loyalty/redemptions`, body, { headers })

    /** The loyalty adjustments on the cart's lines, as Medusa stored them. */
    async function adjustments(headers: Record<string, string>, cartId: string) {
      const { data } = await api.get(`/store/carts/${cartId}?fields=discount_total,items.adjustments.code,items.adjustments.amount`, { headers })
      return { discount_total: data.cart.discount_total, amounts: data.cart.items.flatMap((i: any) => i.adjustments.map((a: any) => Number(a.amount))) }
    }

    async function complete(fixture: StoreFixture, headers: Record<string, string>, cartId: string) {
      const placed = subscribersDone("order.placed", getContainer().resolve(Modules.EVENT_BUS))
      const order = await checkoutCart(api as any, headers, fixture, cartId)
      await placed
      const fields = "id,currency_code,total,item_total,discount_total,shipping_total"
      return (await api.get(`/admin/orders/${order.id}?fields=${fields}`, admin)).data.order
    }

    it("the store sells in JPY and KWD, and Medusa knows their digits", async () => {
      const { data } = await api.get("/admin/stores?fields=id,*supported_currencies", admin)
      expect(data.stores[0].supported_currencies.map((c: any) => c.currency_code)).toEqual(expect.arrayContaining(["jpy", "kwd"]))
      const currencies = (await api.get("/admin/currencies?code[]=jpy&code[]=kwd&fields=code,decimal_digits", admin)).data.currencies
      expect(Object.fromEntries(currencies.map((c: any) => [c.code, c.decimal_digits]))).toEqual({ jpy: 0, kwd: 3 })
    })

    it("JPY: 10% of 1,234 JPY is 123 JPY and 999 points at 0.5 JPY pay 499 JPY, whole yen on the cart and the order", async () => {
      const s = await shopper(jpy, 2000)
      const cart = await prepareCart(api as any, s.headers, jpy, { items: [{ variant_id: jpy.variants[0].id, quantity: 1 }], shipping_address: { country_code: "jp", postal_code: "100-0001", city: "Tokyo" } })
      expect(cart.item_subtotal).toBe(1234)

      const pct = await apply(s.headers, cart.id, { reward_id: tenPercent.id })
      expect(pct.status).toBe(201)
      expect(pct.data.redemption).toMatchObject({ currency_code: "jpy", discount_amount: 123 })
      expect(pct.data.cart.discount_total).toBe(123)

      // Half of the items (617 JPY) is the most points may pay: 1,236 points would be 618.
      const over = await failure(apply(s.headers, cart.id, { points: 1236 }))
      expect(over.status).toBe(400)
      expect(over.data.message).toBe("points 1236 are worth 618 JPY, more than 50% of this cart (617 JPY): use at most 1235 points")
      const points = await apply(s.headers, cart.id, { points: 999 })
      expect(points.status).toBe(201)
      expect(points.data.redemption).toMatchObject({ kind: "points", points: 999, discount_amount: 499 })

      const onCart = await adjustments(s.headers, cart.id)
      expect(onCart.discount_total).toBe(622)
      expect(onCart.amounts.sort((a: number, b: number) => a - b)).toEqual([123, 499])

      // The checkout guard accepts it; the order is in whole yen.
      const order = await complete(jpy, s.headers, cart.id)
      expect(order).toMatchObject({ currency_code: "jpy", item_total: 612, discount_total: 622, shipping_total: 500, total: 1112 })
    })

    it("KWD: discounts are exact to the fils", async () => {
      const s = await shopper(kwd, 2000)
      const cart = await prepareCart(api as any, s.headers, kwd, { items: [{ variant_id: kwd.variants[0].id, quantity: 1 }], shipping_address: { country_code: "kw", postal_code: "13001", city: "Kuwait City" } })
      expect(cart.item_subtotal).toBe(12.345)

      // 10% is 1.2345: 1.235 half up (two decimals gave 1.23).
      const pct = await apply(s.headers, cart.id, { reward_id: tenPercent.id })
      expect(pct.data.redemption).toMatchObject({ currency_code: "kwd", discount_amount: 1.235 })
      // 1,234 points at one fils: 1.234 KWD.
      const points = await apply(s.headers, cart.id, { points: 1234 })
      expect(points.data.redemption).toMatchObject({ discount_amount: 1.234 })
      const onCart = await adjustments(s.headers, cart.id)
      expect(onCart.amounts.sort((a: number, b: number) => a - b)).toEqual([1.234, 1.235])
      expect(onCart.discount_total).toBeCloseTo(2.469, 6)

      const order = await complete(kwd, s.headers, cart.id)
      expect(order.discount_total).toBeCloseTo(2.469, 6)
      expect(order.total).toBeCloseTo(12.345 - 2.469 + 1.5, 6)
    })

    it("a reward amount, cap or minimum finer than its currency is refused, naming the field and the currency", async () => {
      const body = { name: { en: "x" }, points_cost: 10 }
      const yen = await failure(api.post("/admin/loyalty/rewards", { ...body, type: "fixed_amount", amounts: { eur: 5, JPY: 500.5 } }, admin))
      expect(yen.status).toBe(400)
      expect(yen.data.message).toBe("amounts.jpy is 500.5, but JPY amounts have no decimals")
      const fils = await failure(api.post("/admin/loyalty/rewards", { ...body, type: "percentage", percentage: 10, max_discount: { kwd: 1.2345 } }, admin))
      expect(fils.status).toBe(400)
      expect(fils.data.message).toBe("max_discount.kwd is 1.2345, but KWD amounts have at most 3 decimals")
      const minimum = await failure(api.post("/admin/loyalty/rewards", { ...body, type: "free_shipping", min_subtotal: { eur: 10.005 } }, admin))
      expect(minimum.data.message).toBe("min_subtotal.eur is 10.005, but EUR amounts have at most 2 decimals")
      const fine = await api.post("/admin/loyalty/rewards", { ...body, type: "fixed_amount", amounts: { jpy: 500, kwd: 1.25, eur: 4.99 } }, admin)
      expect(fine.status).toBe(201)
      await (api as any).delete(`/admin/loyalty/rewards/${fine.data.reward.id}`, admin)
    })
  },
})
