import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { updateCartPromotionsWorkflow } from "@medusajs/medusa/core-flows"
import { LOYALTY_MODULE } from "../../src/modules/loyalty"
import { LedgerKernel } from "../../src/modules/loyalty/lib/ledger/kernel"
import { REFUSAL_REASONS } from "../../src/modules/loyalty/lib/refusal"
import type LoyaltyModuleService from "../../src/modules/loyalty/service"
import { adminHeaders, bareCart as newCart, checkoutCart, enrolledShopper, failure, prepareCart, registerCustomer, seedStore, subscribersDone, type StoreFixture } from "../fixtures"

jest.setTimeout(180_000)

/** Makes Medusa's cart-promotion workflow fail after its validate hook, while set. */
let crashPromotionContext = false
updateCartPromotionsWorkflow.hooks.setPromotionContext(() => {
  if (crashPromotionContext) throw new Error("test: a step after the validate hook failed")
})

/**
 * The storefront's view of the store API: every refusal carries a reason a program can act on
 * (with the figures involved), the reward list says what fits a cart, Medusa's own promotion
 * route cannot strand points, and apply/remove answer the whole cart.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: StoreFixture
    let admin: { headers: Record<string, string> }
    const rewards: Record<string, any> = {}
    const loyalty = () => getContainer().resolve<LoyaltyModuleService>(LOYALTY_MODULE)
    const variant = (i: number) => store.variants[i]
    const eventBus = () => getContainer().resolve(Modules.EVENT_BUS)

    const createReward = async (body: Record<string, unknown>) => (await api.post("/admin/loyalty/rewards", body, admin)).data.reward

    beforeAll(async () => {
      const container = getContainer()
      store = await seedStore(container)
      admin = await adminHeaders(container)
      rewards.five = await createReward({ name: { en: "5 EUR off" }, points_cost: 100, type: "fixed_amount", amounts: { eur: 5 } })
      rewards.big = await createReward({
        name: { en: "20 EUR off orders over 100 EUR" },
        points_cost: 200,
        type: "fixed_amount",
        amounts: { eur: 20 },
        min_subtotal: { eur: 100 },
      })
      rewards.usd = await createReward({ name: { en: "5 USD off" }, points_cost: 50, type: "fixed_amount", amounts: { usd: 5 } })
      rewards.tote = await createReward({ name: { en: "Free tote bag" }, points_cost: 80, type: "free_product", variant_id: store.variants[0].id })
      rewards.ship = await createReward({ name: { en: "Free shipping" }, points_cost: 50, type: "free_shipping" })
      rewards.once = await createReward({ name: { en: "1 EUR off, once" }, points_cost: 10, type: "fixed_amount", amounts: { eur: 1 }, per_customer_limit: 1 })
      rewards.expensive = await createReward({ name: { en: "50 EUR off" }, points_cost: 5000, type: "fixed_amount", amounts: { eur: 50 } })
      await api.post("/admin/loyalty/program", { points_as_money: { enabled: true, value_per_point: { eur: 0.01 }, max_cart_share: 0.5 } }, admin)
    })

    const shopper = (points: number) => enrolledShopper(api, store, admin, points, { prefix: "storefront", first_name: "Lea" })
    const bareCart = (headers: Record<string, string>, variantIndex = 2, quantity = 1) => newCart(api, store, headers, variantIndex, quantity)

    const apply = (headers: Record<string, string>, cartId: string, body: Record<string, unknown>, extra: Record<string, string> = {}) =>
      api.post(`/store/carts/${cartId}/loyalty/redemptions`, body, { headers: { ...headers, ...extra } })

    const balance = async (accountId: string) => (await loyalty().listLoyaltyAccounts({ id: accountId }))[0].balance
    const redemption = async (id: string) => (await loyalty().listLoyaltyRedemptions({ id }))[0]

    /** A refusal: its status, and a body whose reason is one the README lists. */
    async function refused(p: Promise<unknown>, status: number, reason: string) {
      const { status: got, data } = await failure(p)
      expect({ status: got, reason: data.reason }).toEqual({ status, reason })
      expect(Object.keys(REFUSAL_REASONS)).toContain(data.reason)
      const listed = REFUSAL_REASONS[data.reason as keyof typeof REFUSAL_REASONS] as { status: number; other_status?: number }
      expect([listed.status, listed.other_status]).toContain(status)
      expect(typeof data.message).toBe("string")
      return data
    }

    describe("refusals carry a stable reason and the figures involved", () => {
      it("not enough points: insufficient_points with balance, points_required and points_missing; nothing reserved", async () => {
        const s = await shopper(120)
        const cart = await bareCart(s.headers)
        const body = await refused(apply(s.headers, cart, { reward_id: rewards.expensive.id }), 400, "insufficient_points")
        expect(body).toMatchObject({ balance: 120, points_required: 5000, points_missing: 4880 })
        const points = await refused(apply(s.headers, cart, { points: 121 }), 400, "insufficient_points")
        expect(points).toMatchObject({ balance: 120, points_required: 121, points_missing: 1 })
        expect(await balance(s.account_id)).toBe(120)
      })

      it("the reward's conditions: min_subtotal_not_met, currency_not_supported, free_product_not_in_cart, no_shipping_method", async () => {
        const s = await shopper(1000)
        const cart = await bareCart(s.headers, 2) // 49.99 EUR, no shipping method
        expect(await refused(apply(s.headers, cart, { reward_id: rewards.big.id }), 400, "min_subtotal_not_met")).toMatchObject({
          currency_code: "eur",
          min_subtotal: 100,
          subtotal: 49.99,
          amount_missing: 50.01,
        })
        expect(await refused(apply(s.headers, cart, { reward_id: rewards.usd.id }), 400, "currency_not_supported")).toMatchObject({
          currency_code: "eur",
          currencies: ["usd"],
        })
        expect(await refused(apply(s.headers, cart, { reward_id: rewards.tote.id }), 400, "free_product_not_in_cart")).toMatchObject({
          variant_id: variant(0).id,
        })
        await refused(apply(s.headers, cart, { reward_id: rewards.ship.id }), 400, "no_shipping_method")
        expect(await balance(s.account_id)).toBe(1000)
        expect(await loyalty().listLoyaltyRedemptions({ cart_id: cart, status: ["pending", "reserved"] })).toEqual([])
      })

      it("once per cart, per-customer limits and points as money: reward_already_applied, reward_limit_reached, points_*", async () => {
        const s = await shopper(1000)
        const cart = await bareCart(s.headers, 2)
        await apply(s.headers, cart, { reward_id: rewards.once.id })
        expect(await refused(apply(s.headers, cart, { reward_id: rewards.once.id }), 400, "reward_already_applied")).toMatchObject({ reward_id: rewards.once.id })
        const other = await bareCart(s.headers, 2)
        expect(await refused(apply(s.headers, other, { reward_id: rewards.once.id }), 400, "reward_limit_reached")).toMatchObject({
          reward_id: rewards.once.id,
          limit: 1,
          used: 1,
        })
        // 49.99 EUR at 0.01 a point, at most half the items: 2499 points at most.
        expect(await refused(apply(s.headers, other, { points: 1000 }), 400, "insufficient_points")).toMatchObject({ balance: 990, points_missing: 10 })
        const rich = await shopper(5000)
        const richCart = await bareCart(rich.headers, 2)
        expect(await refused(apply(rich.headers, richCart, { points: 2600 }), 400, "points_above_cart_share")).toMatchObject({
          max_points: 2499,
          max_cart_share: 0.5,
        })
        await apply(rich.headers, richCart, { points: 100 })
        const again = await refused(apply(rich.headers, richCart, { points: 50 }), 400, "points_already_applied")
        expect(typeof again.redemption_id).toBe("string")
      })

      it("who and what: not_authenticated, not_enrolled, cart_not_found, reward_not_found, reward_not_available, account_blocked", async () => {
        await refused(api.get("/store/loyalty/me", { headers: { "x-publishable-api-key": store.publishable_key } }), 401, "not_authenticated")
        await refused(api.post("/store/carts/cart_x/loyalty/redemptions", { points: 1 }, { headers: { "x-publishable-api-key": store.publishable_key } }), 401, "not_authenticated")

        const stranger = await registerCustomer(api as any, store.publishable_key, { email: `stranger-${Date.now()}@rewardflow.test`, password: "s3cret-pass", first_name: "Sam" })
        const strangerCart = await bareCart(stranger.headers)
        await refused(apply(stranger.headers, strangerCart, { reward_id: rewards.five.id }), 400, "not_enrolled")
        await refused(api.get("/store/loyalty/me/wallet/google", { headers: stranger.headers }), 404, "not_enrolled")

        const s = await shopper(500)
        expect(await refused(apply(s.headers, strangerCart, { reward_id: rewards.five.id }), 404, "cart_not_found")).toMatchObject({ cart_id: strangerCart })
        const cart = await bareCart(s.headers)
        expect(await refused(apply(s.headers, cart, { reward_id: "lrwd_missing" }), 404, "reward_not_found")).toMatchObject({ reward_id: "lrwd_missing" })
        const paused = await createReward({ name: { en: "Paused" }, points_cost: 10, type: "fixed_amount", amounts: { eur: 1 } })
        await api.post(`/admin/loyalty/rewards/${paused.id}`, { is_active: false }, admin)
        expect(await refused(apply(s.headers, cart, { reward_id: paused.id }), 400, "reward_not_available")).toMatchObject({ reward_id: paused.id })

        await api.post(`/admin/loyalty/accounts/${s.account_id}`, { status: "blocked" }, admin)
        expect(await refused(apply(s.headers, cart, { reward_id: rewards.five.id }), 400, "account_blocked")).toMatchObject({ account_status: "blocked" })
        await api.post(`/admin/loyalty/accounts/${s.account_id}`, { status: "active" }, admin)
        expect(await balance(s.account_id)).toBe(500)
      })

      it("the two 409s differ: account_busy (retry) and idempotency_key_reused (new key)", async () => {
        const s = await shopper(500)
        const cart = await bareCart(s.headers)
        await apply(s.headers, cart, { reward_id: rewards.five.id }, { "Idempotency-Key": "key-1" })
        expect(await refused(apply(s.headers, cart, { points: 100 }, { "Idempotency-Key": "key-1" }), 409, "idempotency_key_reused")).toMatchObject({
          idempotency_key: "key-1",
        })

        const waited = LedgerKernel.lockTimeoutMs
        LedgerKernel.lockTimeoutMs = 300
        const knex = getContainer().resolve("__pg_connection__") as any
        let release!: () => void
        const held = new Promise<void>((r) => (release = r))
        let locked!: () => void
        const isLocked = new Promise<void>((r) => (locked = r))
        const holder = knex.transaction(async (trx: any) => {
          await trx.raw("select id from loyalty_account where id = ? for update", [s.account_id])
          locked()
          await held
        })
        try {
          await isLocked
          const busy = await refused(apply(s.headers, cart, { points: 100 }), 409, "account_busy")
          expect(busy.retry_after_ms).toBeGreaterThan(0)
        } finally {
          release()
          await holder
          LedgerKernel.lockTimeoutMs = waited
        }
      })

      it("a bad request names the field: invalid_request with field, and messages that say the rule as it is", async () => {
        const s = await shopper(100)
        const cart = await bareCart(s.headers)
        const zero = await refused(apply(s.headers, cart, { points: 0 }), 400, "invalid_request")
        expect(zero).toMatchObject({ field: "points", message: "Invalid request: points must be greater than 0, got 0" })
        const unknown = await refused(apply(s.headers, cart, { reward_id: rewards.five.id, colour: "red" }), 400, "invalid_request")
        expect(unknown).toMatchObject({ field: "colour", message: "Invalid request: unknown field colour" })
        const key = await refused(apply(s.headers, cart, { points: 10 }, { "Idempotency-Key": "x".repeat(201) }), 400, "invalid_request")
        expect(key.field).toBe("Idempotency-Key")
        expect((await refused(api.get("/store/loyalty/me/entries?limit=0", { headers: s.headers }), 400, "invalid_request")).message).toBe(
          "Invalid request: limit must be at least 1, got 0"
        )
        // The admin side says the same rule the same way: a reward costs more than 0 points.
        for (const cost of [-1, 0]) {
          const bad = await failure(api.post("/admin/loyalty/rewards", { name: { en: "Bad" }, points_cost: cost, type: "fixed_amount", amounts: { eur: 1 } }, admin))
          expect(bad.status).toBe(400)
          expect(bad.data).toMatchObject({ field: "points_cost", message: `Invalid request: points_cost must be greater than 0, got ${cost}` })
        }
      })

      it("taking a reward off while another change holds the cart (a checkout) is a 409 cart_busy; nothing changes, a retry works", async () => {
        const s = await shopper(300)
        const cart = await bareCart(s.headers)
        const applied = (await apply(s.headers, cart, { reward_id: rewards.five.id })).data
        const locking = getContainer().resolve(Modules.LOCKING)
        await locking.acquire(cart, { ownerId: "test-checkout", expire: 30 })
        try {
          const busy = await refused((api as any).delete(`/store/carts/${cart}/loyalty/redemptions/${applied.redemption.id}`, { headers: s.headers }), 409, "cart_busy")
          expect(busy).toMatchObject({ cart_id: cart })
          expect(busy.retry_after_ms).toBeGreaterThan(0)
        } finally {
          await locking.release(cart, { ownerId: "test-checkout" })
        }
        expect((await redemption(applied.redemption.id)).status).toBe("reserved")
        expect(await balance(s.account_id)).toBe(200)
        const { data } = await (api as any).delete(`/store/carts/${cart}/loyalty/redemptions/${applied.redemption.id}`, { headers: s.headers })
        expect(data.deleted).toBe(true)
        expect(data.balance).toBe(300)
      })

      it("taking a reward off: redemption_not_found for another cart's, cart_completed once the order is placed", async () => {
        const s = await shopper(500)
        const cart = await prepareCart(api as any, s.headers, store, { items: [{ variant_id: variant(2).id, quantity: 1 }] })
        const applied = await apply(s.headers, cart.id, { reward_id: rewards.five.id })
        const otherCart = await bareCart(s.headers)
        await refused((api as any).delete(`/store/carts/${otherCart}/loyalty/redemptions/${applied.data.redemption.id}`, { headers: s.headers }), 404, "redemption_not_found")
        const placed = subscribersDone("order.placed", eventBus())
        const order = await checkoutCart(api as any, s.headers, store, cart.id)
        await placed
        const body = await refused((api as any).delete(`/store/carts/${cart.id}/loyalty/redemptions/${applied.data.redemption.id}`, { headers: s.headers }), 400, "redemption_spent")
        expect(body).toMatchObject({ redemption_id: applied.data.redemption.id, order_id: order.id })
      })
    })

    describe("GET /store/loyalty/rewards?cart_id= says what fits the cart now", () => {
      it("each reward applicable or not with its reason; points as money: the most points the cart accepts and their worth", async () => {
        const s = await shopper(1000)
        const cart = await bareCart(s.headers, 2) // 49.99 EUR
        const { data } = await api.get(`/store/loyalty/rewards?cart_id=${cart}`, { headers: s.headers })
        expect(data.cart_id).toBe(cart)
        const on = (id: string) => data.rewards.find((r: any) => r.id === id).on_cart
        expect(on(rewards.five.id)).toEqual({ applicable: true, reason: null, message: null, details: null, discount_amount: 5 })
        expect(on(rewards.big.id)).toMatchObject({ applicable: false, reason: "min_subtotal_not_met", details: { amount_missing: 50.01 } })
        expect(on(rewards.usd.id)).toMatchObject({ applicable: false, reason: "currency_not_supported" })
        expect(on(rewards.tote.id)).toMatchObject({ applicable: false, reason: "free_product_not_in_cart" })
        expect(on(rewards.ship.id)).toMatchObject({ applicable: false, reason: "no_shipping_method" })
        expect(on(rewards.expensive.id)).toMatchObject({ applicable: false, reason: "insufficient_points", details: { points_missing: 4000 } })
        // 1000 points at 0.01 = 10 EUR, within half of 49.99.
        expect(data.points_as_money.on_cart).toMatchObject({ applicable: true, currency_code: "eur", value_per_point: 0.01, min_points: 1, max_points: 1000, max_amount: 10 })

        // What the list says is what apply does.
        expect((await apply(s.headers, cart, { reward_id: rewards.five.id })).status).toBe(201)
        await refused(apply(s.headers, cart, { reward_id: rewards.big.id }), 400, "min_subtotal_not_met")
        const after = (await api.get(`/store/loyalty/rewards?cart_id=${cart}`, { headers: s.headers })).data
        expect(after.rewards.find((r: any) => r.id === rewards.five.id).on_cart).toMatchObject({ applicable: false, reason: "reward_already_applied" })
        expect(after.points_as_money.on_cart).toMatchObject({ applicable: true, max_points: 900, max_amount: 9 })
        expect((await apply(s.headers, cart, { points: 900 })).status).toBe(201)

        const rich = await shopper(5000)
        const richCart = await bareCart(rich.headers, 2)
        const share = (await api.get(`/store/loyalty/rewards?cart_id=${richCart}`, { headers: rich.headers })).data.points_as_money.on_cart
        expect(share).toMatchObject({ applicable: true, max_points: 2499, max_amount: 24.99 })
        await refused(apply(rich.headers, richCart, { points: 2500 }), 400, "points_above_cart_share")
        expect((await apply(rich.headers, richCart, { points: 2499 })).status).toBe(201)

        const broke = await shopper(0)
        const brokeCart = await bareCart(broke.headers, 2)
        const none = (await api.get(`/store/loyalty/rewards?cart_id=${brokeCart}`, { headers: broke.headers })).data.points_as_money.on_cart
        expect(none).toMatchObject({ applicable: false, reason: "insufficient_points", max_points: null, max_amount: null })
      })

      it("without cart_id nothing is said about a cart; another shopper's cart is cart_not_found", async () => {
        const s = await shopper(100)
        const { data } = await api.get("/store/loyalty/rewards", { headers: s.headers })
        expect(data.cart_id).toBeNull()
        expect(data.rewards.every((r: any) => r.on_cart === null)).toBe(true)
        expect(data.points_as_money.on_cart).toBeNull()
        const other = await shopper(0)
        await refused(api.get(`/store/loyalty/rewards?cart_id=${await bareCart(other.headers)}`, { headers: s.headers }), 404, "cart_not_found")
      })
    })

    describe("Medusa's own promotion route and cart changes never strand points", () => {
      const codes = async (headers: Record<string, string>, cartId: string) =>
        (await api.get(`/store/carts/${cartId}`, { headers })).data.cart.promotions.map((p: any) => p.code)

      it("DELETE /store/carts/:id/promotions of a loyalty code releases the reservation; the cart then completes", async () => {
        const s = await shopper(300)
        const cart = await prepareCart(api as any, s.headers, store, { items: [{ variant_id: variant(2).id, quantity: 1 }] })
        const applied = (await apply(s.headers, cart.id, { reward_id: rewards.five.id })).data
        expect(await balance(s.account_id)).toBe(200)
        const removed = subscribersDone("loyalty.cart_codes_removed", eventBus())
        const released = subscribersDone("loyalty.points_released", eventBus())
        const { data } = await (api as any).delete(`/store/carts/${cart.id}/promotions`, { data: { promo_codes: [applied.redemption.promotion_code] }, headers: s.headers })
        expect(data.cart.promotions).toEqual([])
        expect(data.cart.discount_total).toBe(0)
        await Promise.all([removed, released])
        expect(await balance(s.account_id)).toBe(300)
        const gone = await redemption(applied.redemption.id)
        expect(gone.status).toBe("released")
        const [promotion] = await getContainer().resolve(Modules.PROMOTION).listPromotions({ code: applied.redemption.promotion_code })
        expect(promotion.status).toBe("inactive")
        const placed = subscribersDone("order.placed", eventBus())
        const order = await checkoutCart(api as any, s.headers, store, cart.id)
        await placed
        expect(Number(order.discount_total)).toBe(0)
        expect(await balance(s.account_id)).toBe(300 + (await loyalty().listLoyaltyLedgerEntries({ account_id: s.account_id, type: "earn" }))[0].points)
      })

      it("re-adding a released, another cart's or a made-up loyalty code through Medusa's route is a 400 loyalty_code_not_applicable", async () => {
        const s = await shopper(300)
        const cart = await bareCart(s.headers)
        const applied = (await apply(s.headers, cart, { reward_id: rewards.five.id })).data
        await (api as any).delete(`/store/carts/${cart}/loyalty/redemptions/${applied.redemption.id}`, { headers: s.headers })
        const again = await refused(api.post(`/store/carts/${cart}/promotions`, { promo_codes: [applied.redemption.promotion_code] }, { headers: s.headers }), 400, "loyalty_code_not_applicable")
        expect(again.code).toBe(applied.redemption.promotion_code)
        expect(again.message).toMatch(/was removed and its points given back/)

        const other = await bareCart(s.headers)
        const elsewhere = (await apply(s.headers, other, { reward_id: rewards.five.id })).data
        expect((await refused(api.post(`/store/carts/${cart}/promotions`, { promo_codes: [elsewhere.redemption.promotion_code] }, { headers: s.headers }), 400, "loyalty_code_not_applicable")).message).toMatch(/belongs to another cart/)
        await refused(api.post(`/store/carts/${cart}/promotions`, { promo_codes: ["LOYALTY-MADEUP12345"] }, { headers: s.headers }), 400, "loyalty_code_not_applicable")
        expect(await codes(s.headers, cart)).toEqual([])
        expect(await codes(s.headers, other)).toEqual([elsewhere.redemption.promotion_code])
        expect(await balance(s.account_id)).toBe(200)
      })

      it("the Next.js starter's path, POST /store/carts/:id { promo_codes }: leaving the code out releases it, a released one is refused with its reason", async () => {
        const s = await shopper(300)
        const cart = await bareCart(s.headers)
        const applied = (await apply(s.headers, cart, { reward_id: rewards.five.id })).data
        const removed = subscribersDone("loyalty.cart_codes_removed", eventBus())
        const { data } = await api.post(`/store/carts/${cart}`, { promo_codes: [] }, { headers: s.headers })
        expect(data.cart.promotions).toEqual([])
        await removed
        expect((await redemption(applied.redemption.id)).status).toBe("released")
        expect(await balance(s.account_id)).toBe(300)
        const again = await refused(api.post(`/store/carts/${cart}`, { promo_codes: [applied.redemption.promotion_code] }, { headers: s.headers }), 400, "loyalty_code_not_applicable")
        expect(again.code).toBe(applied.redemption.promotion_code)
        expect(await codes(s.headers, cart)).toEqual([])
      })

      it("a change of the cart's promotions that fails after the code was seen leaving releases nothing", async () => {
        const s = await shopper(300)
        const cart = await bareCart(s.headers)
        const applied = (await apply(s.headers, cart, { reward_id: rewards.five.id })).data
        // A step after the validate hook fails (a provider down, say): the workflow is undone and
        // its grouped events are dropped, so the reservation must stay with the code.
        crashPromotionContext = true
        try {
          const failed = await failure((api as any).delete(`/store/carts/${cart}/promotions`, { data: { promo_codes: [applied.redemption.promotion_code] }, headers: s.headers }))
          expect(failed.status).toBeGreaterThanOrEqual(400)
        } finally {
          crashPromotionContext = false
        }
        // A later event for the cart would release it if the code were gone: it is not.
        const updated = subscribersDone("cart.updated", eventBus())
        await api.post(`/store/carts/${cart}`, { metadata: { poked: true } }, { headers: s.headers })
        await updated
        expect(await codes(s.headers, cart)).toEqual([applied.redemption.promotion_code])
        expect((await redemption(applied.redemption.id)).status).toBe("reserved")
        expect(await balance(s.account_id)).toBe(200)
      })

      it("a cart change that drops the code (the free product leaves the cart) releases the reservation", async () => {
        const s = await shopper(300)
        const cartId = await bareCart(s.headers, 2)
        await api.post(`/store/carts/${cartId}/line-items`, { variant_id: variant(0).id, quantity: 1 }, { headers: s.headers })
        const applied = (await apply(s.headers, cartId, { reward_id: rewards.tote.id })).data
        expect(await balance(s.account_id)).toBe(220)
        const line = applied.cart.items.find((i: any) => i.variant_id === variant(0).id)
        const released = subscribersDone("loyalty.points_released", eventBus())
        await (api as any).delete(`/store/carts/${cartId}/line-items/${line.id}`, { headers: s.headers })
        await released
        expect(await codes(s.headers, cartId)).toEqual([])
        expect((await redemption(applied.redemption.id)).status).toBe("released")
        expect(await balance(s.account_id)).toBe(300)
      })
    })

    describe("apply and remove answer the whole cart", () => {
      it("the cart in the answer is the one GET /store/carts/:id returns", async () => {
        const s = await shopper(300)
        const cart = await prepareCart(api as any, s.headers, store, { items: [{ variant_id: variant(2).id, quantity: 2 }] })
        const applied = (await apply(s.headers, cart.id, { reward_id: rewards.five.id })).data
        const medusa = (await api.get(`/store/carts/${cart.id}`, { headers: s.headers })).data.cart
        expect(applied.cart).toEqual(medusa)
        expect(applied.cart.discount_total).toBe(5)
        expect(applied.cart.items[0].adjustments[0].code).toBe(applied.redemption.promotion_code)
        expect(applied.cart.shipping_methods.length).toBe(1)
        const listed = (await api.get(`/store/carts/${cart.id}/loyalty/redemptions`, { headers: s.headers })).data
        expect(listed.cart).toEqual(medusa)
        const removed = (await (api as any).delete(`/store/carts/${cart.id}/loyalty/redemptions/${applied.redemption.id}`, { headers: s.headers })).data
        expect(removed.cart).toEqual((await api.get(`/store/carts/${cart.id}`, { headers: s.headers })).data.cart)
        expect(removed.cart.discount_total).toBe(0)
        expect(removed.balance).toBe(300)
      })
    })
  },
})
