import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE } from "../../src/modules/loyalty"
import { LedgerKernel } from "../../src/modules/loyalty/lib/ledger/kernel"
import type LoyaltyModuleService from "../../src/modules/loyalty/service"
import {
  applyPromotionCodeStep,
  createRedemptionPromotionStep,
  loadRedemptionCartStep,
  releaseAbandonedRedemptions,
  reserveRedemptionStep,
} from "../../src/workflows/redemption"
import { adminHeaders, bareCart as newCart, enrolledShopper, failure, checkoutCart, guestHeaders, placeOrder, prepareCart, seedStore, subscribersDone, type StoreFixture } from "../fixtures"

jest.setTimeout(180_000)

type CrashInput = { cart_id: string; customer_id: string; reward_id: string; crash_after: "reserve" | "promotion" | "apply" }

/**
 * The apply workflow's own steps, in its order, with a crash after the step named in the
 * input: the engine must run the compensations of every step that ran.
 */
const crash = (name: string) =>
  createStep(`test-crash-${name}`, async (input: { when: string; crash_after: string }) => {
    if (input.when === input.crash_after) throw new Error(`process crashed after ${input.when}`)
  })
const crashAfterReserve = crash("reserve")
const crashAfterPromotion = crash("promotion")
const crashAfterApply = crash("apply")
const applyThenCrashWorkflow = createWorkflow("test-apply-then-crash", (input: CrashInput) => {
  const { cart, account_id } = loadRedemptionCartStep(input)
  const reserved = reserveRedemptionStep(
    transform({ input, cart, account_id }, ({ input, cart, account_id }) => ({ account_id, cart, reward_id: input.reward_id }))
  )
  crashAfterReserve(transform({ input }, ({ input }) => ({ when: "reserve", crash_after: input.crash_after })))
  const promotion = createRedemptionPromotionStep(
    transform({ reserved, input }, ({ reserved, input }) => ({
      redemption_id: reserved.redemption.id,
      cart_id: input.cart_id,
      code: reserved.redemption.promotion_code!,
      plan: reserved.plan!,
    }))
  )
  crashAfterPromotion(transform({ input }, ({ input }) => ({ when: "promotion", crash_after: input.crash_after })))
  applyPromotionCodeStep(transform({ promotion, input }, ({ promotion, input }) => ({ cart_id: input.cart_id, code: promotion.code })))
  crashAfterApply(transform({ input }, ({ input }) => ({ when: "apply", crash_after: input.crash_after })))
  return new WorkflowResponse(reserved)
})

/**
 * The apply workflow's steps up to the promotion (and, with `until: "code"`, its code on the
 * cart), then nothing: what a process killed right after that step leaves behind, since no
 * compensation runs. The redemption stays pending without the promotion's id.
 */
type KilledInput = Omit<CrashInput, "crash_after"> & { until: "promotion" | "code" }
const applyUntilKilledWorkflow = createWorkflow("test-apply-until-killed", (input: KilledInput) => {
  const { cart, account_id } = loadRedemptionCartStep(input)
  const reserved = reserveRedemptionStep(
    transform({ input, cart, account_id }, ({ input, cart, account_id }) => ({ account_id, cart, reward_id: input.reward_id }))
  )
  const promotion = createRedemptionPromotionStep(
    transform({ reserved, input }, ({ reserved, input }) => ({
      redemption_id: reserved.redemption.id,
      cart_id: input.cart_id,
      code: reserved.redemption.promotion_code!,
      plan: reserved.plan!,
    }))
  )
  when("test-apply-code-before-kill", { input }, ({ input }) => input.until === "code").then(() => {
    applyPromotionCodeStep(transform({ promotion, input }, ({ promotion, input }) => ({ cart_id: input.cart_id, code: promotion.code })))
  })
  return new WorkflowResponse(transform({ reserved, promotion }, ({ reserved, promotion }) => ({ redemption: reserved.redemption, promotion })))
})

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: StoreFixture
    let admin: { headers: Record<string, string> }
    const rewards: Record<string, any> = {}

    const loyalty = () => getContainer().resolve<LoyaltyModuleService>(LOYALTY_MODULE)
    const eventBus = () => getContainer().resolve(Modules.EVENT_BUS)
    const variant = (i: number) => store.variants[i]

    async function createReward(body: Record<string, unknown>) {
      return (await api.post("/admin/loyalty/rewards", body, admin)).data.reward
    }

    beforeAll(async () => {
      const container = getContainer()
      store = await seedStore(container)
      admin = await adminHeaders(container)
      rewards.five = await createReward({
        name: { en: "5 EUR off", fr: "5 EUR de réduction", de: "5 EUR Rabatt" },
        points_cost: 100,
        type: "fixed_amount",
        amounts: { EUR: 5 },
      })
      rewards.pct = await createReward({
        name: { en: "10% off, up to 8 EUR" },
        points_cost: 150,
        type: "percentage",
        percentage: 10,
        max_discount: { eur: 8 },
      })
      rewards.ship = await createReward({ name: { en: "Free shipping" }, points_cost: 50, type: "free_shipping" })
      rewards.tote = await createReward({
        name: { en: "Free tote bag" },
        points_cost: 80,
        type: "free_product",
        variant_id: store.variants[0].id,
      })
      rewards.big = await createReward({
        name: { en: "20 EUR off orders over 100 EUR" },
        points_cost: 200,
        type: "fixed_amount",
        amounts: { eur: 20 },
        min_subtotal: { eur: 100 },
      })
      rewards.once = await createReward({
        name: { en: "1 EUR off, once" },
        points_cost: 10,
        type: "fixed_amount",
        amounts: { eur: 1 },
        per_customer_limit: 1,
      })
    })

    /** A registered, enrolled shopper holding `points`. */
    const shopper = (points: number) => enrolledShopper(api, store, admin, points, { prefix: "redeemer" })

    async function cartWith(headers: Record<string, string>, items: { variant_id: string; quantity: number }[]) {
      return await prepareCart(api as any, headers, store, { items })
    }

    /** A cart with items only (no address or shipping), enough to apply rewards. */
    const bareCart = (headers: Record<string, string>, variantIndex = 2) => newCart(api, store, headers, variantIndex)

    const apply = (headers: Record<string, string>, cartId: string, body: Record<string, unknown>, extra: Record<string, string> = {}) =>
      api.post(`/store/carts/${cartId}/loyalty/redemptions`, body, { headers: { ...headers, ...extra } })

    const remove = (headers: Record<string, string>, cartId: string, redemptionId: string) =>
      (api as any).delete(`/store/carts/${cartId}/loyalty/redemptions/${redemptionId}`, { headers })

    async function balance(accountId: string) {
      const [account] = await loyalty().listLoyaltyAccounts({ id: accountId })
      return account.balance
    }

    async function ledger(accountId: string) {
      const entries = await loyalty().listLoyaltyLedgerEntries({ account_id: accountId }, { take: 10_000, order: { created_at: "ASC" } })
      const lots = await loyalty().listLoyaltyPointLots({ account_id: accountId }, { take: 10_000 })
      // Listed in the order they were written, each entry's balance follows from the one before.
      entries.forEach((e, i) => expect(e.balance_after).toBe((i ? entries[i - 1].balance_after : 0) + e.points))
      return {
        entries,
        sum: entries.reduce((s, e) => s + e.points, 0),
        lotSum: lots.reduce((s, l) => s + l.remaining, 0),
        types: entries.map((e) => `${e.type}:${e.points}`),
      }
    }

    /**
     * `order.placed` runs two independent subscribers (capture the reservation, award points):
     * their two entries may come in either order.
     */
    function placedInEitherOrder(types: string[], at: number, pair: [string, string]) {
      const got = types.slice(at, at + 2)
      expect([pair, [pair[1], pair[0]]]).toContainEqual(got)
      return [...types.slice(0, at), ...pair, ...types.slice(at + 2)]
    }

    async function cartCodes(cartId: string) {
      const query = getContainer().resolve("query")
      const { data: [cart] } = await query.graph({ entity: "cart", fields: ["promotions.code"], filters: { id: cartId } })
      return (cart?.promotions ?? []).map((p: any) => p.code)
    }

    async function promotionByCode(code: string) {
      const [promotion] = await getContainer().resolve(Modules.PROMOTION).listPromotions({ code }, { withDeleted: true } as any)
      return promotion
    }

    async function complete(headers: Record<string, string>, cartId: string) {
      const placed = subscribersDone("order.placed", eventBus())
      const order = await checkoutCart(api as any, headers, store, cartId)
      await placed
      return order
    }

    /** Pays and asks to complete; resolves to the raw response (rejects on 4xx). */
    async function payAndComplete(headers: Record<string, string>, cartId: string) {
      const payment = await api.post("/store/payment-collections", { cart_id: cartId }, { headers })
      await api.post(`/store/payment-collections/${payment.data.payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" }, { headers })
      return await api.post(`/store/carts/${cartId}/complete`, {}, { headers })
    }

    /** Takes every line of a variant off the cart (Medusa recomputes the cart's promotions). */
    async function removeLine(headers: Record<string, string>, cartId: string, variantId: string) {
      const { data } = await api.get(`/store/carts/${cartId}?fields=items.id,items.variant_id`, { headers })
      for (const line of data.cart.items.filter((i: any) => i.variant_id === variantId)) {
        await (api as any).delete(`/store/carts/${cartId}/line-items/${line.id}`, { headers })
      }
      return await storeCart(headers, cartId)
    }

    async function storeCart(headers: Record<string, string>, cartId: string) {
      return (await api.get(`/store/carts/${cartId}?fields=id,item_subtotal,discount_total,completed_at`, { headers })).data.cart
    }

    async function adminOrder(orderId: string) {
      const fields = "id,total,item_total,discount_total,shipping_total,shipping_subtotal,items.variant_id,items.total,items.discount_total,items.quantity,promotions.code"
      return (await api.get(`/admin/orders/${orderId}?fields=${fields}`, admin)).data.order
    }

    describe("rewards catalog", () => {
      it("admin creates, validates, updates, lists and deletes rewards", async () => {
        const noPct = await failure(api.post("/admin/loyalty/rewards", { name: { en: "x" }, points_cost: 10, type: "percentage" }, admin))
        expect(noPct.status).toBe(400)
        expect(noPct.data.message).toMatch(/percentage is required/)
        const badCurrency = await failure(
          api.post("/admin/loyalty/rewards", { name: { en: "x" }, points_cost: 10, type: "fixed_amount", amounts: { euro: 5 } }, admin)
        )
        expect(badCurrency.status).toBe(400)
        expect(badCurrency.data.message).toMatch(/'euro' is not a 3-letter ISO 4217 currency code/)
        const badVariant = await failure(
          api.post("/admin/loyalty/rewards", { name: { en: "x" }, points_cost: 10, type: "free_product", variant_id: "variant_nope" }, admin)
        )
        expect(badVariant.data.message).toMatch(/variant_id variant_nope is not a product variant/)
        const noName = await failure(api.post("/admin/loyalty/rewards", { name: { fr: "x" }, points_cost: 10, type: "free_shipping" }, admin))
        expect(noName.status).toBe(400)
        expect(noName.data.message).toMatch(/name/)
        const unknown = await failure(api.post("/admin/loyalty/rewards", { name: { en: "x" }, points_cost: 10, type: "free_shipping", colour: "red" }, admin))
        expect(unknown.status).toBe(400)
        expect(unknown.data.message).toMatch(/colour/)
        const badWindow = await failure(
          api.post(
            "/admin/loyalty/rewards",
            { name: { en: "x" }, points_cost: 10, type: "free_shipping", starts_at: "2027-01-02T00:00:00Z", ends_at: "2027-01-01T00:00:00Z" },
            admin
          )
        )
        expect(badWindow.data.message).toMatch(/ends_at must be after starts_at/)
        const { data: before } = await api.get("/admin/loyalty/rewards?limit=50", admin)
        expect(before.count).toBe(6)

        const temp = await createReward({ name: { en: "Temp" }, points_cost: 5, type: "free_shipping" })
        const { data: updated } = await api.post(`/admin/loyalty/rewards/${temp.id}`, { points_cost: 7, name: { en: "Temp 2", lb: "Temp zwee" } }, admin)
        expect(updated.reward).toMatchObject({ points_cost: 7, name: { en: "Temp 2", lb: "Temp zwee" }, type: "free_shipping" })
        const toFixed = await failure(api.post(`/admin/loyalty/rewards/${temp.id}`, { type: "fixed_amount" }, admin))
        expect(toFixed.data.message).toMatch(/amounts is required/)
        expect((await api.get(`/admin/loyalty/rewards/${temp.id}`, admin)).data.reward.points_cost).toBe(7)

        await (api as any).delete(`/admin/loyalty/rewards/${temp.id}`, admin)
        expect((await failure(api.get(`/admin/loyalty/rewards/${temp.id}`, admin))).status).toBe(404)
        expect((await api.get("/admin/loyalty/rewards?limit=50", admin)).data.count).toBe(6)
      })

      it("an edit replaces a reward's names, amounts and conditions, and the program's rates, instead of merging them", async () => {
        const created = await createReward({
          name: { en: "5 off", fr: "5 de réduction" },
          description: { en: "Five", de: "Fünf" },
          points_cost: 100,
          type: "fixed_amount",
          amounts: { eur: 5, usd: 6 },
          min_subtotal: { eur: 20, usd: 25 },
        })
        const { data } = await api.post(
          `/admin/loyalty/rewards/${created.id}`,
          { name: { en: "5 off" }, description: { en: "Five" }, amounts: { eur: 5 }, min_subtotal: { usd: 25 }, points_cost: 120 },
          admin
        )
        expect(data.reward).toMatchObject({ name: { en: "5 off" }, description: { en: "Five" }, amounts: { eur: 5 }, min_subtotal: { usd: 25 }, points_cost: 120 })
        const stored = (await api.get(`/admin/loyalty/rewards/${created.id}`, admin)).data.reward
        expect([stored.name, stored.description, stored.amounts, stored.min_subtotal]).toEqual([{ en: "5 off" }, { en: "Five" }, { eur: 5 }, { usd: 25 }])
        await (api as any).delete(`/admin/loyalty/rewards/${created.id}`, admin)

        const before = (await api.get("/admin/loyalty/program", admin)).data.program
        await api.post("/admin/loyalty/program", { earn_rates: { eur: { points: 1, amount: 1 }, usd: { points: 1, amount: 1 } }, points_as_money: { enabled: true, value_per_point: { eur: 0.01, usd: 0.01 }, max_cart_share: 0.5 } }, admin)
        await api.post("/admin/loyalty/program", { earn_rates: { eur: { points: 2, amount: 1 } }, points_as_money: { enabled: true, value_per_point: { eur: 0.02 }, max_cart_share: 0.4 } }, admin)
        const program = (await api.get("/admin/loyalty/program", admin)).data.program
        expect(program.earn_rates).toEqual({ eur: { points: 2, amount: 1 } })
        expect(program.points_as_money).toEqual({ enabled: true, value_per_point: { eur: 0.02 }, max_cart_share: 0.4 })
        await api.post("/admin/loyalty/program", { earn_rates: before.earn_rates, points_as_money: null }, admin)
        expect((await failure(api.post("/admin/loyalty/rewards/lrwd_nope", { points_cost: 5 }, admin))).status).toBe(404)
      })

      it("the store lists rewards in the shopper's language and marks what they can afford", async () => {
        const s = await shopper(120)
        const { data } = await api.get("/store/loyalty/rewards?locale=lb", { headers: s.headers })
        expect(data.balance).toBe(120)
        const five = data.rewards.find((r: any) => r.id === rewards.five.id)
        // Luxembourgish falls back to German, then English.
        expect(five).toMatchObject({ name: "5 EUR Rabatt", affordable: true, points_missing: 0 })
        const big = data.rewards.find((r: any) => r.id === rewards.big.id)
        expect(big).toMatchObject({ name: "20 EUR off orders over 100 EUR", affordable: false, points_missing: 80 })
        expect(data.rewards.map((r: any) => r.points_cost)).toEqual([...data.rewards.map((r: any) => r.points_cost)].sort((a, b) => a - b))
        const fr = (await api.get("/store/loyalty/rewards", { headers: { ...s.headers, "x-medusa-locale": "fr-LU" } })).data
        expect(fr.rewards.find((r: any) => r.id === rewards.five.id).name).toBe("5 EUR de réduction")
        // A language the program does not speak falls back to the shopper's, then the program's.
        const es = (await api.get("/store/loyalty/rewards?locale=es", { headers: s.headers })).data
        expect(es.locale).toBe("en")
        expect(es.rewards.find((r: any) => r.id === rewards.five.id).name).toBe("5 EUR off")
        expect((await failure(api.get("/store/loyalty/rewards?colour=red", { headers: s.headers }))).status).toBe(400)
      })
    })

    describe("redemption at checkout", () => {
      it("apply, remove, re-apply, then complete: the order shows the discount and the ledger reserve then redeem", async () => {
        const s = await shopper(300)
        const cart = await cartWith(s.headers, [{ variant_id: variant(2).id, quantity: 1 }]) // 49.99
        const first = await apply(s.headers, cart.id, { reward_id: rewards.five.id })
        expect(first.status).toBe(201)
        expect(first.data.redemption).toMatchObject({ status: "reserved", points: 100, discount_amount: 5, reward_id: rewards.five.id })
        expect(first.data.cart.discount_total).toBe(5)
        expect(first.data.balance).toBe(200)
        const code = first.data.redemption.promotion_code
        expect(code).toMatch(/^LOYALTY-[A-Z2-9]{12}$/)

        const removed = await remove(s.headers, cart.id, first.data.redemption.id)
        expect(removed.data).toMatchObject({ deleted: true, balance: 300 })
        expect(removed.data.cart.discount_total).toBe(0)
        expect(await cartCodes(cart.id)).toEqual([])
        expect((await promotionByCode(code)).status).toBe("inactive")
        // Removing twice changes nothing.
        expect((await remove(s.headers, cart.id, first.data.redemption.id)).data.balance).toBe(300)

        const again = await apply(s.headers, cart.id, { reward_id: rewards.five.id })
        expect(again.status).toBe(201)
        expect(again.data.balance).toBe(200)

        const order = await complete(s.headers, cart.id)
        const placed = await adminOrder(order.id)
        expect(placed.discount_total).toBe(5)
        expect(placed.promotions.map((p: any) => p.code)).toEqual([again.data.redemption.promotion_code])
        const [redemption] = await loyalty().listLoyaltyRedemptions({ id: again.data.redemption.id })
        expect(redemption).toMatchObject({ status: "redeemed", order_id: order.id })
        // Through the module links, query.graph reaches the cart, promotion and order of a redemption.
        const { data: [linked] } = await getContainer().resolve("query").graph({
          entity: "loyalty_redemption",
          fields: ["id", "cart.id", "promotion.code", "order.id", "order.display_id"],
          filters: { id: redemption.id },
        })
        expect(linked).toMatchObject({
          cart: { id: cart.id },
          promotion: { code: again.data.redemption.promotion_code },
          order: { id: order.id, display_id: expect.any(Number) },
        })
        expect((await promotionByCode(again.data.redemption.promotion_code)).status).toBe("inactive")

        const l = await ledger(s.account_id)
        // Earned on what was paid: 49.99 - 5 = 44.99 EUR -> 44 points (1 per EUR, floor).
        expect(placedInEitherOrder(l.types, 4, ["redeem:0", "earn:44"])).toEqual([
          "adjust:300", "reserve:-100", "release:100", "reserve:-100", "redeem:0", "earn:44",
        ])
        expect(await balance(s.account_id)).toBe(244)
        expect(l.sum).toBe(244)
        expect(l.lotSum).toBe(244)
        // The redeem entry closes the second reservation.
        const reserve = l.entries.find((e) => e.id === redemption.reserve_entry_id)!
        expect(l.entries.find((e) => e.type === "redeem")!.reverses_entry_id).toBe(reserve.id)
        // A spent redemption cannot be removed any more.
        const late = await failure(remove(s.headers, cart.id, redemption.id))
        expect(late.status).toBe(400)
        expect(late.data.message).toMatch(/already spent on order/)
      })

      it("the code works only on its own cart, and a canceled order gives the spent points back", async () => {
        const s = await shopper(300)
        const cart = await cartWith(s.headers, [{ variant_id: variant(2).id, quantity: 1 }])
        const applied = await apply(s.headers, cart.id, { reward_id: rewards.five.id })
        const code = applied.data.redemption.promotion_code
        // Someone else trying the code on their cart gets no discount: the promotion is bound to the cart.
        const thief = await shopper(0)
        const theirs = await bareCart(thief.headers, 2)
        const tried = await api.post(`/store/carts/${theirs}/promotions`, { promo_codes: [code] }, { headers: thief.headers }).catch((e) => e.response)
        expect(await cartCodes(theirs)).toEqual([])
        expect(tried.data.cart?.discount_total ?? 0).toBe(0)

        const order = await complete(s.headers, cart.id)
        expect(await balance(s.account_id)).toBe(244)
        const canceled = subscribersDone("order.canceled", eventBus())
        await api.post(`/admin/orders/${order.id}/cancel`, {}, admin)
        await canceled
        const [redemption] = await loyalty().listLoyaltyRedemptions({ id: applied.data.redemption.id })
        expect(redemption.status).toBe("refunded")
        const l = await ledger(s.account_id)
        // The spent 100 come back first, then the 44 earned are taken back.
        expect(placedInEitherOrder(l.types, 2, ["redeem:0", "earn:44"])).toEqual([
          "adjust:300", "reserve:-100", "redeem:0", "earn:44", "reverse:100", "reverse:-44",
        ])
        expect(await balance(s.account_id)).toBe(300)
        expect(l.sum).toBe(300)
        expect(l.lotSum).toBe(300)
        // A redelivered cancel changes nothing.
        const again = subscribersDone("order.canceled", eventBus())
        await eventBus().emit({ name: "order.canceled", data: { id: order.id } })
        await again
        expect(await balance(s.account_id)).toBe(300)
      })

      it("percentage with a cap, free shipping and a free product work on the order", async () => {
        const s = await shopper(1000)
        // 120 + 49.99 = 169.99; 10% would be 17.00, the cap gives 8.
        const capped = await cartWith(s.headers, [
          { variant_id: variant(3).id, quantity: 1 },
          { variant_id: variant(2).id, quantity: 1 },
        ])
        expect((await apply(s.headers, capped.id, { reward_id: rewards.pct.id })).data.cart.discount_total).toBe(8)
        const cappedOrder = await adminOrder((await complete(s.headers, capped.id)).id)
        expect(cappedOrder.discount_total).toBe(8)

        // Under the cap the percentage follows the cart: 10% of 49.99.
        const small = await cartWith(s.headers, [{ variant_id: variant(2).id, quantity: 1 }])
        const pct = await apply(s.headers, small.id, { reward_id: rewards.pct.id })
        expect(pct.data.cart.discount_total).toBeCloseTo(5, 1)

        // Free shipping needs the cart's shipping method to apply to.
        const noShipping = await failure(apply(s.headers, await bareCart(s.headers, 1), { reward_id: rewards.ship.id }))
        expect(noShipping.status).toBe(400)
        expect(noShipping.data.message).toBe("Free shipping applies to the cart's shipping method: choose one first, then apply the reward")
        const shipCart = await cartWith(s.headers, [{ variant_id: variant(1).id, quantity: 1 }])
        const ship = await apply(s.headers, shipCart.id, { reward_id: rewards.ship.id })
        expect(ship.status).toBe(201)
        const shipOrder = await adminOrder((await complete(s.headers, shipCart.id)).id)
        expect(shipOrder.shipping_subtotal).toBe(store.shipping_price)
        expect(shipOrder.shipping_total).toBe(0)
        expect(shipOrder.item_total).toBe(25.5)

        // Free product: one tote of two is free.
        const toteCart = await cartWith(s.headers, [
          { variant_id: variant(0).id, quantity: 2 },
          { variant_id: variant(1).id, quantity: 1 },
        ])
        await apply(s.headers, toteCart.id, { reward_id: rewards.tote.id })
        const toteOrder = await adminOrder((await complete(s.headers, toteCart.id)).id)
        const tote = toteOrder.items.find((i: any) => i.variant_id === variant(0).id)
        expect(tote.discount_total).toBe(10)
        expect(toteOrder.discount_total).toBe(10)
        expect(toteOrder.items.find((i: any) => i.variant_id === variant(1).id).discount_total).toBe(0)

        // A free product must be in the cart.
        const noTote = await bareCart(s.headers, 1)
        const refused = await failure(apply(s.headers, noTote, { reward_id: rewards.tote.id }))
        expect(refused.status).toBe(400)
        expect(refused.data.message).toMatch(/add it to the cart first/)
      })

      it("refuses a cart under the minimum subtotal, a second use past the limit, and unknown rewards", async () => {
        const s = await shopper(1000)
        const small = await bareCart(s.headers, 2)
        const tooSmall = await failure(apply(s.headers, small, { reward_id: rewards.big.id }))
        expect(tooSmall.status).toBe(400)
        expect(tooSmall.data.message).toMatch(/needs a cart subtotal of at least 100.00 EUR; this cart has 49.99 EUR/)

        const first = await apply(s.headers, small, { reward_id: rewards.once.id })
        expect(first.status).toBe(201)
        const twiceOnCart = await failure(apply(s.headers, small, { reward_id: rewards.once.id }))
        expect(twiceOnCart.data.message).toMatch(/already applied to cart/)
        const other = await bareCart(s.headers, 1)
        const overLimit = await failure(apply(s.headers, other, { reward_id: rewards.once.id }))
        expect(overLimit.status).toBe(400)
        expect(overLimit.data.message).toMatch(/can be redeemed 1 time\(s\) per customer/)
        // Released, the use is given back.
        await remove(s.headers, small, first.data.redemption.id)
        expect((await apply(s.headers, other, { reward_id: rewards.once.id })).status).toBe(201)

        expect((await failure(apply(s.headers, other, { reward_id: "lrwd_nope" }))).status).toBe(404)
        const both = await failure(apply(s.headers, other, { reward_id: rewards.five.id, points: 10 }))
        expect(both.status).toBe(400)
        expect(both.data.message).toMatch(/either reward_id .* or points/)
        expect(await balance(s.account_id)).toBe(990)

        // Another shopper's cart does not exist for this one.
        const stranger = await shopper(500)
        expect((await failure(apply(stranger.headers, other, { reward_id: rewards.five.id }))).status).toBe(404)
        // Without a login there is no redemption.
        const anonymous = await failure(api.post(`/store/carts/${other}/loyalty/redemptions`, { reward_id: rewards.five.id }, { headers: { "x-publishable-api-key": store.publishable_key } }))
        expect(anonymous.status).toBe(401)
      })

      it("points as money pays part of the cart, capped at the configured share", async () => {
        const s = await shopper(5000)
        const cartId = await bareCart(s.headers, 2) // 49.99
        const off = await failure(apply(s.headers, cartId, { points: 100 }))
        expect(off.data.message).toMatch(/does not let points pay for carts/)
        await api.post("/admin/loyalty/program", { points_as_money: { enabled: true, value_per_point: { EUR: 0.01 }, max_cart_share: 0.5 } }, admin)
        const tooMany = await failure(apply(s.headers, cartId, { points: 3000 }))
        expect(tooMany.status).toBe(400)
        expect(tooMany.data.message).toMatch(/more than 50% of this cart \(24.99 EUR\): use at most 2499 points/)
        expect((await apply(s.headers, cartId, { points: 2499 })).status).toBe(201)
        await remove(s.headers, cartId, (await loyalty().listLoyaltyRedemptions({ cart_id: cartId, status: "reserved" }))[0].id)
        const paid = await apply(s.headers, cartId, { points: 1234 })
        expect(paid.data.redemption).toMatchObject({ kind: "points", points: 1234, discount_amount: 12.34 })
        expect(paid.data.cart.discount_total).toBeCloseTo(12.34, 2)
        expect(paid.data.balance).toBe(5000 - 1234)
        const badShare = await failure(api.post("/admin/loyalty/program", { points_as_money: { enabled: true, value_per_point: { eur: 0.01 }, max_cart_share: 1.5 } }, admin))
        expect(badShare.status).toBe(400)
        expect(badShare.data.message).toMatch(/max_cart_share/)
        await api.post("/admin/loyalty/program", { points_as_money: null }, admin)
      })

      it("an Idempotency-Key replay returns the first redemption and reserves once", async () => {
        const s = await shopper(300)
        const cartId = await bareCart(s.headers)
        const key = { "idempotency-key": "redeem-click-1" }
        const first = await apply(s.headers, cartId, { reward_id: rewards.five.id }, key)
        const replay = await apply(s.headers, cartId, { reward_id: rewards.five.id }, key)
        expect(first.status).toBe(201)
        expect(replay.status).toBe(200)
        expect(replay.data.replayed).toBe(true)
        expect(replay.data.redemption.id).toBe(first.data.redemption.id)
        expect(await balance(s.account_id)).toBe(200)
        const misuse = await failure(apply(s.headers, cartId, { reward_id: rewards.ship.id }, key))
        expect(misuse.status).toBe(409)
        expect((await failure(apply(s.headers, cartId, { reward_id: rewards.ship.id }, { "idempotency-key": " " }))).status).toBe(400)

        // A double click: the same key twice at once reserves once, and both answers name one redemption.
        const other = await bareCart(s.headers, 1)
        const both = await Promise.all([1, 2].map(() => apply(s.headers, other, { reward_id: rewards.five.id }, { "idempotency-key": "double-click" })))
        expect(both.map((r) => r.status).sort()).toEqual([200, 201])
        expect(new Set(both.map((r) => r.data.redemption.id)).size).toBe(1)
        expect(await balance(s.account_id)).toBe(100)
        expect((await loyalty().listLoyaltyRedemptions({ cart_id: other })).length).toBe(1)
      })
    })

    describe("Idempotency-Key replays", () => {
      it("a replay after the order was placed returns the first redemption, not a refusal of the completed cart", async () => {
        const s = await shopper(300)
        const cart = await cartWith(s.headers, [{ variant_id: variant(2).id, quantity: 1 }])
        const key = `after-order-${Date.now()}`
        const first = await apply(s.headers, cart.id, { reward_id: rewards.five.id }, { "idempotency-key": key })
        expect(first.status).toBe(201)
        const order = await complete(s.headers, cart.id)

        const replay = await apply(s.headers, cart.id, { reward_id: rewards.five.id }, { "idempotency-key": key })
        expect(replay.status).toBe(200)
        expect(replay.data).toMatchObject({ replayed: true, redemption: { id: first.data.redemption.id, status: "redeemed", order_id: order.id } })
        expect((await ledger(s.account_id)).types.filter((t) => t.startsWith("reserve"))).toEqual(["reserve:-100"])
        // The key still names that one request...
        const misuse = await failure(apply(s.headers, cart.id, { reward_id: rewards.ship.id }, { "idempotency-key": key }))
        expect(misuse.status).toBe(409)
        expect(misuse.data.message).toBe(
          `Idempotency-Key ${key} was already used for another redemption (reward ${rewards.five.id} on cart ${cart.id}); this request asks for reward ${rewards.ship.id} on cart ${cart.id}. Send a new Idempotency-Key for a different request`
        )
        // ...and a new request on the completed cart is refused.
        const fresh = await failure(apply(s.headers, cart.id, { reward_id: rewards.five.id }))
        expect(fresh.status).toBe(400)
        expect(fresh.data).toMatchObject({ reason: "cart_completed", cart_id: cart.id, order_id: order.id, message: `Cart ${cart.id} is already completed (order ${order.id})` })
      })

      it("points as money: the same key with another number of points is refused, naming the key", async () => {
        await api.post("/admin/loyalty/program", { points_as_money: { enabled: true, value_per_point: { eur: 0.01 }, max_cart_share: 0.5 } }, admin)
        try {
          const s = await shopper(5000)
          const cartId = await bareCart(s.headers, 2) // 49.99
          const key = `points-${Date.now()}`
          const first = await apply(s.headers, cartId, { points: 1000 }, { "idempotency-key": key })
          expect(first.status).toBe(201)
          const same = await apply(s.headers, cartId, { points: 1000 }, { "idempotency-key": key })
          expect(same.status).toBe(200)
          expect(same.data).toMatchObject({ replayed: true, redemption: { id: first.data.redemption.id, points: 1000 } })

          const other = await failure(apply(s.headers, cartId, { points: 2000 }, { "idempotency-key": key }))
          expect(other.status).toBe(409)
          expect(other.data.message).toBe(
            `Idempotency-Key ${key} was already used for another redemption (1000 points on cart ${cartId}); this request asks for 2000 points on cart ${cartId}. Send a new Idempotency-Key for a different request`
          )
          // A reward under a key first used for points is another request too.
          expect((await failure(apply(s.headers, cartId, { reward_id: rewards.five.id }, { "idempotency-key": key }))).status).toBe(409)
          expect(await balance(s.account_id)).toBe(4000)
          expect((await loyalty().listLoyaltyRedemptions({ cart_id: cartId })).map((r) => [r.points, r.status])).toEqual([[1000, "reserved"]])
        } finally {
          await api.post("/admin/loyalty/program", { points_as_money: null }, admin)
        }
      })
    })

    describe("admin views", () => {
      it("lists redemptions by order and by customer with reward, card and email, and shows an order's loyalty", async () => {
        const s = await shopper(300)
        const cart = await cartWith(s.headers, [{ variant_id: variant(2).id, quantity: 1 }]) // 49.99
        const spent = (await apply(s.headers, cart.id, { reward_id: rewards.five.id })).data.redemption
        const order = await complete(s.headers, cart.id)
        // Another reward still reserved on an open cart.
        const openCart = await bareCart(s.headers, 1)
        const gone = await createReward({ name: { en: "2 EUR off, withdrawn" }, points_cost: 10, type: "fixed_amount", amounts: { eur: 2 } })
        const open = (await apply(s.headers, openCart, { reward_id: gone.id })).data.redemption
        // Deleted from the catalog, the reward keeps its name in the redemptions made with it.
        await (api as any).delete(`/admin/loyalty/rewards/${gone.id}`, admin)
        const list = async (q: string) => (await api.get(`/admin/loyalty/redemptions?${q}`, admin)).data

        const byOrder = await list(`order_id=${order.id}`)
        expect(byOrder.count).toBe(1)
        expect(byOrder.redemptions).toHaveLength(1)
        expect(byOrder.redemptions[0]).toMatchObject({
          id: spent.id,
          kind: "reward",
          status: "redeemed",
          points: 100,
          discount_amount: 5,
          currency_code: "eur",
          cart_id: cart.id,
          order_id: order.id,
          promotion_code: spent.promotion_code,
          reward: { id: rewards.five.id, name: { en: "5 EUR off", fr: "5 EUR de réduction", de: "5 EUR Rabatt" }, type: "fixed_amount", points_cost: 100 },
          account: {
            id: s.account_id,
            customer_id: s.customer.id,
            card_number: expect.stringMatching(/^\d{16}$/),
            customer: { id: s.customer.id, email: s.customer.email },
          },
        })
        expect(byOrder.redemptions[0].account.card_number_formatted.replace(/ /g, "")).toBe(byOrder.redemptions[0].account.card_number)

        // By customer, newest first: the open reservation, then the one spent on the order.
        const byCustomer = await list(`customer_id=${s.customer.id}`)
        expect(byCustomer.redemptions.map((r: any) => [r.id, r.status, r.reward.name.en])).toEqual([
          [open.id, "reserved", "2 EUR off, withdrawn"],
          [spent.id, "redeemed", "5 EUR off"],
        ])
        expect(byCustomer.count).toBe(2)
        expect((await list(`customer_id=${s.customer.id}&status=reserved,pending`)).redemptions.map((r: any) => r.id)).toEqual([open.id])
        expect((await list(`customer_id=${s.customer.id}&limit=1&offset=1`)).redemptions.map((r: any) => r.id)).toEqual([spent.id])
        expect((await list(`cart_id=${openCart}`)).redemptions.map((r: any) => r.id)).toEqual([open.id])
        expect((await list(`account_id=${s.account_id}&order_id=${order.id}`)).count).toBe(1)
        const stranger = await shopper(0)
        expect(await list(`customer_id=${stranger.customer.id}`)).toEqual({ redemptions: [], count: 0, limit: 20, offset: 0 })
        expect((await list(`customer_id=${s.customer.id}&account_id=${stranger.account_id}`)).count).toBe(0)

        for (const [q, message] of [
          ["status=reserved,spent", /^Invalid request: status 'spent' is not a redemption status \(pending, reserved, redeemed, released, refunded\)$/],
          ["colour=red", /^Invalid request: unknown field colour$/],
          ["limit=0", /^Invalid request: limit must be at least 1, got 0$/],
          ["order_id=", /^Invalid request: order_id must not be empty, got ""$/],
        ] as const) {
          const refused = await failure(api.get(`/admin/loyalty/redemptions?${q}`, admin))
          expect({ q, status: refused.status }).toEqual({ q, status: 400 })
          expect(refused.data.message).toMatch(message)
        }
        expect((await failure(api.get("/admin/loyalty/redemptions"))).status).toBe(401)

        // The order's loyalty: 44 points earned on what was paid (49.99 - 5), the reward spent on it.
        const loyaltyOf = async (orderId: string) => (await api.get(`/admin/loyalty/orders/${orderId}`, admin)).data
        let view = await loyaltyOf(order.id)
        expect(view.order).toMatchObject({ id: order.id, customer_id: s.customer.id })
        expect(view.entries.map((e: any) => `${e.type}:${e.points}`)).toEqual(["earn:44"])
        expect(view.points).toEqual({ earned: 44, reversed: 0, net: 44, owed: 0 })
        expect(view.redemptions.map((r: any) => [r.id, r.status, r.reward.name.en])).toEqual([[spent.id, "redeemed", "5 EUR off"]])
        expect(view.account).toMatchObject({ id: s.account_id, balance: 300 - 100 - 10 + 44, customer: { email: s.customer.email } })

        // Canceled: the spent points come back and the earned points are taken back.
        const canceled = subscribersDone("order.canceled", eventBus())
        await api.post(`/admin/orders/${order.id}/cancel`, {}, admin)
        await canceled
        view = await loyaltyOf(order.id)
        expect(view.entries.map((e: any) => `${e.type}:${e.points}`)).toEqual(["earn:44", "reverse:100", "reverse:-44"])
        expect(view.points).toEqual({ earned: 44, reversed: -44, net: 0, owed: 0 })
        expect(view.redemptions.map((r: any) => r.status)).toEqual(["refunded"])
        expect(view.account.balance).toBe(300 - 10)

        // A guest order has no loyalty; an unknown order is a 404.
        const guest = await placeOrder(api as any, guestHeaders(store.publishable_key), store, {
          email: `guest-${Date.now()}@rewardflow.test`,
          items: [{ variant_id: variant(1).id, quantity: 1 }],
        })
        expect(await loyaltyOf(guest.id)).toMatchObject({ account: null, entries: [], redemptions: [], points: { earned: 0, reversed: 0 } })
        const missing = await failure(api.get("/admin/loyalty/orders/order_nope", admin))
        expect(missing.status).toBe(404)
        expect(missing.data.message).toBe("Order order_nope was not found")
      })
    })

    describe("concurrency", () => {
      it("50 parallel applies on 50 carts of an account whose balance covers 5: exactly 5 succeed, the balance alone refuses the rest", async () => {
        const s = await shopper(500)
        // One request per cart: the one-reward-per-cart rule can never refuse one, only the balance can.
        const carts: string[] = []
        for (let i = 0; i < 50; i += 10) {
          carts.push(...(await Promise.all(Array.from({ length: 10 }, (_, j) => bareCart(s.headers, (i + j) % 4)))))
        }
        expect(new Set(carts).size).toBe(50)
        const results = await Promise.allSettled(carts.map((c) => apply(s.headers, c, { reward_id: rewards.five.id })))
        const ok = results.flatMap((r, i) => (r.status === "fulfilled" ? [{ cart: carts[i], res: r.value }] : []))
        const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected")
        expect(ok.map((o) => o.res.status)).toEqual([201, 201, 201, 201, 201])
        expect(refused).toHaveLength(45)
        for (const r of refused) {
          expect({ status: r.reason.response?.status, message: r.reason.response?.data?.message }).toEqual({
            status: 400,
            message: 'Not enough points: balance 0, reward "5 EUR off" costs 100',
          })
        }
        expect(await balance(s.account_id)).toBe(0)
        const l = await ledger(s.account_id)
        // Five reservations and nothing else: no apply reserved and then gave its points back.
        expect(l.types).toEqual(["adjust:500", ...Array(5).fill("reserve:-100")])
        expect(l.sum).toBe(0)
        expect(l.lotSum).toBe(0)
        const redemptions = await loyalty().listLoyaltyRedemptions({ account_id: s.account_id }, { take: 100 })
        expect(redemptions.map((r) => r.status)).toEqual(Array(5).fill("reserved"))
        expect(redemptions.map((r) => r.cart_id).sort()).toEqual(ok.map((o) => o.cart).sort())
        // The winners' carts carry their code, the 45 others none.
        for (const c of carts) expect(await cartCodes(c)).toHaveLength(ok.some((o) => o.cart === c) ? 1 : 0)
        expect((await loyalty().rebuildBalances()).drift).toEqual([])
      })

      it("20 parallel applies across two carts of one shopper whose balance covers one reward: one wins", async () => {
        const s = await shopper(100)
        const [a, b] = [await bareCart(s.headers, 1), await bareCart(s.headers, 2)]
        const sent = Array.from({ length: 20 }, (_, i) => (i % 2 ? b : a))
        const results = await Promise.allSettled(sent.map((c) => apply(s.headers, c, { reward_id: rewards.five.id })))
        const won = results.flatMap((r, i) => (r.status === "fulfilled" ? [sent[i]] : []))
        expect(won).toHaveLength(1)
        const [winner] = won
        // Decided one after another under the account lock: every later request on the winning
        // cart finds the reward applied, every one on the other cart finds the balance spent.
        const refusals = results.flatMap((r, i) =>
          r.status === "rejected" ? [{ cart: sent[i], status: r.reason.response?.status, message: r.reason.response?.data?.message }] : []
        )
        expect(refusals).toHaveLength(19)
        for (const r of refusals) {
          expect(r).toEqual({
            cart: r.cart,
            status: 400,
            message:
              r.cart === winner
                ? `Reward "5 EUR off" is already applied to cart ${winner}`
                : 'Not enough points: balance 0, reward "5 EUR off" costs 100',
          })
        }
        expect(refusals.filter((r) => r.cart !== winner)).toHaveLength(10)
        expect(await balance(s.account_id)).toBe(0)
        const l = await ledger(s.account_id)
        expect(l.types).toEqual(["adjust:100", "reserve:-100"])
        expect(l.lotSum).toBe(0)
        expect(await cartCodes(winner)).toHaveLength(1)
        expect(await cartCodes(winner === a ? b : a)).toEqual([])
      })

      it("a change that waits too long for the account is refused with 409 (account busy), not 500", async () => {
        const s = await shopper(300)
        const cartId = await bareCart(s.headers)
        const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
        const waited = LedgerKernel.lockTimeoutMs
        LedgerKernel.lockTimeoutMs = 300
        try {
          // Another transaction holds the account (a long adjustment, say).
          await pg.transaction(async (trx: any) => {
            await trx.raw("select id from loyalty_account where id = ? for update", [s.account_id])
            const busy = await failure(apply(s.headers, cartId, { reward_id: rewards.five.id }))
            expect(busy.status).toBe(409)
            expect(busy.data.message).toBe(`Loyalty account ${s.account_id} is busy with another change of its points: try again in a moment`)
          })
        } finally {
          LedgerKernel.lockTimeoutMs = waited
        }
        // Nothing was reserved, and trying again works.
        expect(await balance(s.account_id)).toBe(300)
        expect((await apply(s.headers, cartId, { reward_id: rewards.five.id })).status).toBe(201)
        expect(await balance(s.account_id)).toBe(200)
      })
    })

    describe("release and guards", () => {
      it("the job releases an abandoned cart's reservation; the cart then completes without it", async () => {
        const s = await shopper(300)
        const cart = await cartWith(s.headers, [{ variant_id: variant(2).id, quantity: 1 }])
        const applied = await apply(s.headers, cart.id, { reward_id: rewards.five.id })
        const fresh = await releaseAbandonedRedemptions(getContainer())
        expect(fresh.released).not.toContain(applied.data.redemption.id)

        const later = new Date(Date.now() + 25 * 3600 * 1000)
        const swept = await releaseAbandonedRedemptions(getContainer(), { now: later })
        expect(swept.released).toContain(applied.data.redemption.id)
        const [released] = await loyalty().listLoyaltyRedemptions({ id: applied.data.redemption.id })
        expect(released).toMatchObject({ status: "released", released_reason: "Cart inactive for 24 h" })
        expect(await balance(s.account_id)).toBe(300)
        expect(await cartCodes(cart.id)).toEqual([])

        const order = await complete(s.headers, cart.id)
        expect((await adminOrder(order.id)).discount_total).toBe(0)
        const [after] = await loyalty().listLoyaltyRedemptions({ id: applied.data.redemption.id })
        expect(after.status).toBe("released")
        expect((await ledger(s.account_id)).types).toEqual(["adjust:300", "reserve:-100", "release:100", "earn:49"])
      })

      it("old reservations on carts still in use do not starve the abandoned ones behind them", async () => {
        const s = await shopper(1000)
        const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
        const inUse: string[] = []
        for (let i = 0; i < 3; i++) {
          const cartId = await bareCart(s.headers, i)
          inUse.push((await apply(s.headers, cartId, { reward_id: rewards.five.id })).data.redemption.id)
        }
        const abandonedCart = await bareCart(s.headers, 3)
        const abandoned = (await apply(s.headers, abandonedCart, { reward_id: rewards.five.id })).data.redemption.id
        // Reserved 30 h ago on carts the shopper still uses; the abandoned one 29 h ago on a cart untouched since.
        await pg.raw(`update loyalty_redemption set updated_at = now() - interval '30 hours' where id = any(?)`, [inUse])
        await pg.raw(`update loyalty_redemption set updated_at = now() - interval '29 hours' where id = ?`, [abandoned])
        await pg.raw(`update cart set updated_at = now() - interval '29 hours' where id = ?`, [abandonedCart])

        // A batch of 2: the first page holds only reservations to keep, the sweep pages past them.
        const swept = await releaseAbandonedRedemptions(getContainer(), { batch: 2 })
        expect(swept.failed).toEqual([])
        expect(swept.released).toEqual([abandoned])
        expect(swept.kept).toBeGreaterThanOrEqual(3)
        const statuses = await loyalty().listLoyaltyRedemptions({ id: [...inUse, abandoned] })
        expect(Object.fromEntries(statuses.map((r) => [r.id, r.status]))).toEqual({
          ...Object.fromEntries(inUse.map((id) => [id, "reserved"])),
          [abandoned]: "released",
        })
        expect(await balance(s.account_id)).toBe(700)
      })

      it("a redemption that cannot be captured does not stop the others of the order; the job captures it later", async () => {
        const s = await shopper(300)
        const cart = await cartWith(s.headers, [{ variant_id: variant(2).id, quantity: 1 }])
        const five = (await apply(s.headers, cart.id, { reward_id: rewards.five.id })).data.redemption
        const ship = (await apply(s.headers, cart.id, { reward_id: rewards.ship.id })).data.redemption
        // Break one: its reservation cannot be found when the order is placed.
        const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
        const [{ reserve_entry_id }] = (await pg.raw(`select reserve_entry_id from loyalty_redemption where id = ?`, [ship.id])).rows
        await pg.raw(`update loyalty_redemption set reserve_entry_id = null where id = ?`, [ship.id])

        const order = await complete(s.headers, cart.id)
        const byId = async () => Object.fromEntries((await loyalty().listLoyaltyRedemptions({ cart_id: cart.id })).map((r) => [r.id, r]))
        let now = await byId()
        // The other one was spent on the order and its promotion deactivated.
        expect(now[five.id]).toMatchObject({ status: "redeemed", order_id: order.id })
        expect((await promotionByCode(five.promotion_code)).status).toBe("inactive")
        expect(now[ship.id].status).toBe("reserved")

        // Repaired, the job captures it: its cart was completed.
        await pg.raw(`update loyalty_redemption set reserve_entry_id = ? where id = ?`, [reserve_entry_id, ship.id])
        const swept = await releaseAbandonedRedemptions(getContainer(), { now: new Date(Date.now() + 25 * 3600 * 1000) })
        expect(swept.captured_orders).toContain(order.id)
        now = await byId()
        expect(now[ship.id]).toMatchObject({ status: "redeemed", order_id: order.id })
        expect((await promotionByCode(ship.promotion_code)).status).toBe("inactive")
        expect(await balance(s.account_id)).toBe((await ledger(s.account_id)).sum)
      })

      it("a cart carrying a released reservation's code cannot be completed", async () => {
        const s = await shopper(300)
        const cart = await cartWith(s.headers, [{ variant_id: variant(2).id, quantity: 1 }])
        const applied = await apply(s.headers, cart.id, { reward_id: rewards.five.id })
        // A crash after the points went back but before the code left the cart.
        await loyalty().releaseRedemption({ redemption_id: applied.data.redemption.id, reason: "test crash" })
        expect(await cartCodes(cart.id)).toEqual([applied.data.redemption.promotion_code])
        const refused = await failure(payAndComplete(s.headers, cart.id))
        expect(refused.status).toBe(400)
        expect(refused.data.message).toMatch(/Reward "5 EUR off" was released \(test crash\): its points went back to the account/)
        expect(await balance(s.account_id)).toBe(300)
      })

      it("a cart that no longer carries its reservation's code completes without it, and the points go back", async () => {
        const s = await shopper(300)
        const cart = await cartWith(s.headers, [
          { variant_id: variant(0).id, quantity: 1 },
          { variant_id: variant(2).id, quantity: 1 },
        ])
        const applied = await apply(s.headers, cart.id, { reward_id: rewards.tote.id })
        // The free tote leaves the cart: Medusa drops the code.
        const { data } = await api.get(`/store/carts/${cart.id}?fields=items.id,items.variant_id`, { headers: s.headers })
        const toteLine = data.cart.items.find((i: any) => i.variant_id === variant(0).id)
        // Checkout right away, before the cart.updated subscriber: the completion releases it itself.
        const updated = subscribersDone("cart.updated", eventBus())
        await (api as any).delete(`/store/carts/${cart.id}/line-items/${toteLine.id}`, { headers: s.headers })
        expect(await cartCodes(cart.id)).toEqual([])
        const placed = subscribersDone("order.placed", eventBus())
        const { data: completed } = await payAndComplete(s.headers, cart.id)
        await Promise.all([updated, placed])
        expect(completed.type).toBe("order")
        expect(Number(completed.order.discount_total)).toBe(0)
        const r = (await loyalty().listLoyaltyRedemptions({ id: applied.data.redemption.id }))[0]
        expect(r.status).toBe("released")
        const { entries } = await ledger(s.account_id)
        expect(entries.filter((e) => e.type === "release")).toHaveLength(1)
        const earned = entries.filter((e) => e.type === "earn").reduce((n, e) => n + e.points, 0)
        expect(earned).toBeGreaterThan(0)
        expect(await balance(s.account_id)).toBe(300 + earned)
      })
    })

    describe("a cart that shrank after the reward was applied", () => {
      it("a capped percentage given as a fixed amount is refused at completion, nothing spent; re-applied it completes", async () => {
        const s = await shopper(1000)
        // 120 + 2 x 10 = 140 EUR: 10% would be 14, the cap gives 8 as a fixed amount.
        const cart = await cartWith(s.headers, [
          { variant_id: variant(3).id, quantity: 1 },
          { variant_id: variant(0).id, quantity: 2 },
        ])
        const applied = await apply(s.headers, cart.id, { reward_id: rewards.pct.id })
        expect(applied.data.cart.discount_total).toBe(8)
        // The jacket leaves: 20 EUR of items, and Medusa still takes the fixed 8 off.
        const shrunk = await removeLine(s.headers, cart.id, variant(3).id)
        expect(shrunk).toMatchObject({ item_subtotal: 20, discount_total: 8 })

        const refused = await failure(payAndComplete(s.headers, cart.id))
        expect(refused.status).toBe(400)
        expect(refused.data.message).toBe(
          'Reward "10% off, up to 8 EUR" takes 8.00 EUR off, but on this cart it is worth at most 2.00 EUR (10% of the items (20.00 EUR), at most 8.00 EUR): the cart changed since it was applied. Remove the reward and apply it again'
        )
        // Nothing spent: no order, the reservation still holds the points.
        expect((await storeCart(s.headers, cart.id)).completed_at).toBeNull()
        const [held] = await loyalty().listLoyaltyRedemptions({ id: applied.data.redemption.id })
        expect(held.status).toBe("reserved")
        expect(await balance(s.account_id)).toBe(850)
        expect((await ledger(s.account_id)).types).toEqual(["adjust:1000", "reserve:-150"])

        // Removed and applied again, the reward gives 10% of 20 EUR and the cart completes.
        await remove(s.headers, cart.id, applied.data.redemption.id)
        const again = await apply(s.headers, cart.id, { reward_id: rewards.pct.id })
        expect(again.data.cart.discount_total).toBe(2)
        const order = await adminOrder((await complete(s.headers, cart.id)).id)
        expect(order.discount_total).toBe(2)
        const [spent] = await loyalty().listLoyaltyRedemptions({ id: again.data.redemption.id })
        expect(spent).toMatchObject({ status: "redeemed", order_id: order.id })
        const l = await ledger(s.account_id)
        expect(l.types.slice(0, 4)).toEqual(["adjust:1000", "reserve:-150", "release:150", "reserve:-150"])
        expect(l.types).toContain("redeem:0")
        expect(l.sum).toBe(await balance(s.account_id))
      })

      it("points as money over the program's share of the cart now are refused at completion, nothing spent; re-applied they complete", async () => {
        await api.post("/admin/loyalty/program", { points_as_money: { enabled: true, value_per_point: { eur: 0.01 }, max_cart_share: 0.5 } }, admin)
        try {
          const s = await shopper(10_000)
          // 140 EUR of items: points may pay 70; 6000 points pay 60.
          const cart = await cartWith(s.headers, [
            { variant_id: variant(3).id, quantity: 1 },
            { variant_id: variant(0).id, quantity: 2 },
          ])
          const applied = await apply(s.headers, cart.id, { points: 6000 })
          expect(applied.data.cart.discount_total).toBe(60)
          // 20 EUR of items left: Medusa takes all 20 off, points may pay 10.
          const shrunk = await removeLine(s.headers, cart.id, variant(3).id)
          expect(shrunk).toMatchObject({ item_subtotal: 20, discount_total: 20 })

          const refused = await failure(payAndComplete(s.headers, cart.id))
          expect(refused.status).toBe(400)
          expect(refused.data.message).toBe(
            "6000 points take 20.00 EUR off, but points may pay at most 50% of the items (20.00 EUR), which is 10.00 EUR: the cart changed since they were applied. Remove them and apply points again with at most 1000 points"
          )
          const [held] = await loyalty().listLoyaltyRedemptions({ id: applied.data.redemption.id })
          expect(held.status).toBe("reserved")
          expect(await balance(s.account_id)).toBe(4000)
          expect((await ledger(s.account_id)).types).toEqual(["adjust:10000", "reserve:-6000"])

          await remove(s.headers, cart.id, applied.data.redemption.id)
          const again = await apply(s.headers, cart.id, { points: 1000 })
          expect(again.data.cart.discount_total).toBe(10)
          const order = await adminOrder((await complete(s.headers, cart.id)).id)
          expect(order.discount_total).toBe(10)
          const [spent] = await loyalty().listLoyaltyRedemptions({ id: again.data.redemption.id })
          expect(spent).toMatchObject({ status: "redeemed", order_id: order.id })
        } finally {
          await api.post("/admin/loyalty/program", { points_as_money: null }, admin)
        }
      })
    })

    describe("compensation", () => {
      it.each(["reserve", "promotion", "apply"] as const)("a crash after the %s step leaves no points reserved and no promotion behind", async (step) => {
        const s = await shopper(300)
        const cartId = await bareCart(s.headers)
        const { errors, transaction } = await applyThenCrashWorkflow(getContainer()).run({
          input: { cart_id: cartId, customer_id: s.customer.id, reward_id: rewards.five.id, crash_after: step },
          throwOnError: false,
        })
        expect(transaction.getState()).toBe("reverted")
        expect(JSON.stringify(errors)).toContain(`process crashed after ${step}`)
        expect(await balance(s.account_id)).toBe(300)
        const [redemption] = await loyalty().listLoyaltyRedemptions({ cart_id: cartId })
        expect(redemption.status).toBe("released")
        expect(await promotionByCode(redemption.promotion_code!)).toBeUndefined()
        expect(await cartCodes(cartId)).toEqual([])
        const l = await ledger(s.account_id)
        expect(l.types).toEqual(["adjust:300", "reserve:-100", "release:100"])
        expect(l.lotSum).toBe(300)
        // The shopper can apply the reward again.
        expect((await apply(s.headers, cartId, { reward_id: rewards.five.id })).status).toBe(201)
      })

      it.each([
        ["after the promotion was created", "promotion"],
        ["after its code reached the cart", "code"],
      ] as const)("a process killed %s, before the redemption recorded the promotion: the job releases it and deactivates the promotion", async (_when, until) => {
        const s = await shopper(300)
        const cartId = await bareCart(s.headers)
        const { result } = await applyUntilKilledWorkflow(getContainer()).run({
          input: { cart_id: cartId, customer_id: s.customer.id, reward_id: rewards.five.id, until },
        })
        const code = result.redemption.promotion_code!
        const [left] = await loyalty().listLoyaltyRedemptions({ id: result.redemption.id })
        expect(left).toMatchObject({ status: "pending", promotion_id: null, promotion_code: code })
        expect((await promotionByCode(code)).status).toBe("active")
        expect(await balance(s.account_id)).toBe(200)

        const later = await releaseAbandonedRedemptions(getContainer(), { now: new Date(Date.now() + 20 * 60_000) })
        expect(later.failed).toEqual([])
        expect(later.released).toContain(result.redemption.id)
        const [released] = await loyalty().listLoyaltyRedemptions({ id: result.redemption.id })
        expect(released).toMatchObject({ status: "released", released_reason: "Applying the reward did not finish" })
        // Found by its code, the promotion no longer works anywhere.
        const promotion = await promotionByCode(code)
        expect(promotion).toMatchObject({ id: result.promotion.id, status: "inactive" })
        expect(await cartCodes(cartId)).toEqual([])
        expect(await balance(s.account_id)).toBe(300)
        expect((await ledger(s.account_id)).types).toEqual(["adjust:300", "reserve:-100", "release:100"])
        // The shopper can apply the reward again.
        expect((await apply(s.headers, cartId, { reward_id: rewards.five.id })).status).toBe(201)
      })

      it("a redemption a crash left pending is released by the job", async () => {
        const s = await shopper(300)
        const cartId = await bareCart(s.headers)
        // The process died right after reserving: no promotion, no code on the cart.
        const reserved = await loyalty().reserveRedemption({
          account_id: s.account_id,
          cart: { id: cartId, currency_code: "eur", item_subtotal: 49.99, variant_ids: [] },
          reward_id: rewards.five.id,
        })
        expect(await balance(s.account_id)).toBe(200)
        const soon = await releaseAbandonedRedemptions(getContainer(), { now: new Date(Date.now() + 60_000) })
        expect(soon.released).not.toContain(reserved.redemption.id)
        const later = await releaseAbandonedRedemptions(getContainer(), { now: new Date(Date.now() + 20 * 60_000) })
        expect(later.released).toContain(reserved.redemption.id)
        expect(await balance(s.account_id)).toBe(300)
      })
    })

    describe("reward_ready", () => {
      it("is emitted once when the balance first covers a reward, even when the points event is redelivered", async () => {
        const s = await shopper(0)
        const seen: any[] = []
        const subscriber = async (event: any) => {
          if (event.data.account_id === s.account_id) seen.push(event.data)
        }
        const adjusted: any[] = []
        const onAdjusted = async (event: any) => {
          if (event.data.account_id === s.account_id) adjusted.push(event.data)
        }
        eventBus().subscribe("loyalty.reward_ready", subscriber, { subscriberId: "test-reward-ready" })
        eventBus().subscribe("loyalty.points_adjusted", onAdjusted, { subscriberId: "test-points-adjusted" })
        try {
          const adjust = (points: number) =>
            api.post(`/admin/loyalty/accounts/${s.account_id}/adjust`, { points, reason: "test" }, admin)
          let ready = subscribersDone("loyalty.points_adjusted", eventBus())
          await adjust(60) // crosses 10 (once) and 50 (ship)
          await ready
          await new Promise((r) => setTimeout(r, 300))
          expect(seen.map((e) => e.id).sort()).toEqual([rewards.once.id, rewards.ship.id].sort())
          // The same points event delivered again, twice (same entry): nothing is told again.
          const first = adjusted[0]
          expect(first).toMatchObject({ account_id: s.account_id, points: 60, balance: 60 })
          for (let i = 0; i < 2; i++) {
            ready = subscribersDone("loyalty.points_adjusted", eventBus())
            await eventBus().emit({ name: "loyalty.points_adjusted", data: first })
            await ready
            await new Promise((r) => setTimeout(r, 300))
          }
          expect(seen).toHaveLength(2)
          expect(await loyalty().listLoyaltyRewardReadyNotices({ account_id: s.account_id, entry_id: first.id })).toHaveLength(2)
          ready = subscribersDone("loyalty.points_adjusted", eventBus())
          await adjust(10) // 70: crosses nothing
          await ready
          await new Promise((r) => setTimeout(r, 300))
          expect(seen).toHaveLength(2)
          ready = subscribersDone("loyalty.points_adjusted", eventBus())
          await adjust(40) // 110: crosses 80 (tote) and 100 (five)
          await ready
          await new Promise((r) => setTimeout(r, 300))
          expect(seen.map((e) => e.id).slice(2).sort()).toEqual([rewards.tote.id, rewards.five.id].sort())
          expect(seen[2]).toMatchObject({ customer_id: s.customer.id, balance: 110 })
        } finally {
          eventBus().unsubscribe("loyalty.reward_ready", subscriber, { subscriberId: "test-reward-ready" })
          eventBus().unsubscribe("loyalty.points_adjusted", onAdjusted, { subscriberId: "test-points-adjusted" })
        }
      })
    })
  },
})
