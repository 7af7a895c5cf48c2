import { generateKeyPairSync, randomBytes } from "node:crypto"
import Medusa from "@medusajs/js-sdk"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import {
  isRewardFlowError,
  rewardflow,
  RewardFlowError,
  type RewardFlowClient,
  type StoreReward,
} from "../../src/client"
import { adminHeaders, registerCustomer, seedStore, type StoreFixture } from "../fixtures"
import { FakeGoogleWallet } from "../fixtures/google-wallet-server"

jest.setTimeout(180_000)

/**
 * The typed store client (`medusa-plugin-rewardflow/client`) driven against the real test
 * server through a real js-sdk `Medusa` instance, the way a storefront uses it: every method,
 * its typed results, and the refusals as RewardFlowError with their reason and details.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: StoreFixture
    let admin: { headers: Record<string, string> }
    let baseUrl: string
    const rewards: Record<string, any> = {}

    /** What went over the wire: the client returns bodies, the statuses are checked here. */
    const wire: { method: string; path: string; status: number }[] = []
    const originalFetch = globalThis.fetch
    const lastStatus = () => wire.at(-1)!.status

    beforeAll(async () => {
      const container = getContainer()
      baseUrl = (api as any).defaults.baseURL
      store = await seedStore(container)
      admin = await adminHeaders(container)
      const create = async (body: Record<string, unknown>) => (await api.post("/admin/loyalty/rewards", body, admin)).data.reward
      rewards.five = await create({ name: { en: "5 EUR off", fr: "5 EUR de réduction", de: "5 EUR Rabatt" }, points_cost: 100, type: "fixed_amount", amounts: { eur: 5 } })
      rewards.big = await create({ name: { en: "20 EUR off orders over 100 EUR" }, points_cost: 200, type: "fixed_amount", amounts: { eur: 20 }, min_subtotal: { eur: 100 } })
      rewards.ship = await create({ name: { en: "Free shipping" }, points_cost: 50, type: "free_shipping" })
      await api.post("/admin/loyalty/program", { earn_rates: { eur: { points: 1, amount: 1 } }, welcome_bonus_points: 50 }, admin)
      globalThis.fetch = (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
        const res = await originalFetch(input, init)
        wire.push({ method: init?.method ?? "GET", path: new URL(String(input instanceof Request ? input.url : input)).pathname, status: res.status })
        return res
      }) as typeof fetch
    })

    afterAll(() => {
      globalThis.fetch = originalFetch
    })

    const newSdk = () =>
      new Medusa({ baseUrl, publishableKey: store.publishable_key, auth: { type: "jwt", jwtTokenStorageMethod: "memory" } })

    let seq = 0
    /** A registered shopper logged in through the sdk (its JWT kept in the sdk's memory storage). */
    async function shopper(points = 0, enroll = true) {
      seq++
      const email = `client${seq}-${Date.now()}@rewardflow.test`
      const registered = await registerCustomer(api as any, store.publishable_key, { email, password: "s3cret-pass", first_name: "Ana" })
      const sdk = newSdk()
      await sdk.auth.login("customer", "emailpass", { email, password: "s3cret-pass" })
      const loyalty = rewardflow(sdk)
      let accountId: string | null = null
      if (enroll) {
        accountId = (await loyalty.enroll()).account.id
        if (points !== 50) {
          await api.post(`/admin/loyalty/accounts/${accountId}/adjust`, { points: points - 50, reason: "test balance" }, admin)
        }
      }
      return { sdk, loyalty, customer: registered.customer, accountId }
    }

    /** A cart of the shopper's with one line (49.99 EUR by default), made through the sdk like a storefront. */
    async function cartOf(sdk: Medusa, variantIndex = 2) {
      const { cart } = await sdk.store.cart.create({ region_id: store.region_id, sales_channel_id: store.sales_channel_id })
      await sdk.store.cart.createLineItem(cart.id, { variant_id: store.variants[variantIndex].id, quantity: 1 })
      return cart.id
    }

    async function refusalOf(pending: Promise<unknown>): Promise<RewardFlowError> {
      const error = await pending.then(
        () => {
          throw new Error("expected the request to be refused, it succeeded")
        },
        (e) => e
      )
      expect(error).toBeInstanceOf(RewardFlowError)
      return error
    }

    const reward = <R extends StoreReward>(list: R[], id: string) => list.find((r) => r.id === id)!

    describe("the account", () => {
      it("me, enroll (201 then 200), entries and rewards give typed results", async () => {
        const { loyalty, customer } = await shopper(0, false)

        const before = await loyalty.me()
        expect(before).toMatchObject({ enrolled: false, account: null })
        expect(before.program).toMatchObject({ status: "active", earn_rates: { eur: { points: 1, amount: 1 } }, welcome_bonus_points: 50 })
        // What the program exposes to a shopper: not its rounding, shipping or tax settings.
        expect(Object.keys(before.program).sort()).toEqual(
          [
            "activity_extends_validity",
            "birthday_bonus_points",
            "default_locale",
            "earn_rates",
            "id",
            "name",
            "pending_days",
            "points_as_money",
            "points_validity_months",
            "referral_referee_points",
            "referral_referrer_points",
            "status",
            "tier_basis",
            "tier_period",
            "validity_end_of_month",
            "welcome_bonus_points",
          ]
        )

        const enrolled = await loyalty.enroll({ locale: "fr" })
        expect(lastStatus()).toBe(201)
        expect(enrolled.enrolled).toBe(true)
        expect(enrolled.account).toMatchObject({ customer_id: customer.id, balance: 50, lifetime_earned: 50, locale: "fr", status: "active" })
        expect(enrolled.account.card_number).toMatch(/^9\d{15}$/)
        expect(enrolled.account.card_number_formatted.replace(/\s/g, "")).toBe(enrolled.account.card_number)
        const again = await loyalty.enroll()
        expect(lastStatus()).toBe(200)
        expect(again.account.id).toBe(enrolled.account.id)
        expect(again.referral).toBeNull()

        // The birthday (typed), and the referral code a friend enrolls with.
        const birthday = await loyalty.updateMe({ birthday: { month: 2, day: 29 } })
        expect(lastStatus()).toBe(200)
        expect(birthday.account.birthday).toEqual({ month: 2, day: 29 })
        expect(birthday.account.birthday_bonus.next_on).toMatch(/^\d{4}-02-2[89]$/)
        expect(birthday.account.referral_code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/)
        const friend = await shopper(0, false)
        const referred = await friend.loyalty.enroll({ referral_code: birthday.account.referral_code })
        expect(referred.referral).toEqual({ status: "signed_up", reason: null })
        expect((await loyalty.me()).account?.referrals).toEqual({ signed_up: 1, pending: 1, rewarded: 0 })

        await api.post(`/admin/loyalty/accounts/${enrolled.account.id}/adjust`, { points: 150, reason: "Goodwill" }, admin)
        const me = await loyalty.me()
        if (!me.enrolled) throw new Error("expected a member")
        // Narrowed by `enrolled`: the account is there, typed.
        const balance: number = me.account.balance
        expect(balance).toBe(200)

        const history = await loyalty.entries()
        expect(history).toMatchObject({ count: 2, limit: 20, offset: 0 })
        expect(history.entries.map((e) => [e.type, e.points, e.balance_after])).toEqual([
          ["adjust", 150, 200],
          ["welcome_bonus", 50, 50],
        ])
        expect(history.entries[0]).toMatchObject({ reason: "Goodwill", source_type: "admin", shortfall: 0, owed_change: 0 })
        expect(history.entries[0]).not.toHaveProperty("actor_user_id")
        const page = await loyalty.entries({ limit: 1, offset: 1 })
        expect(page).toMatchObject({ count: 2, limit: 1, offset: 1 })
        expect(page.entries.map((e) => e.type)).toEqual(["welcome_bonus"])
        expect((await loyalty.entries({ type: "adjust" })).entries.map((e) => e.points)).toEqual([150])

        const list = await loyalty.rewards()
        expect(list).toMatchObject({ balance: 200, enrolled: true, locale: "fr", cart_id: null, points_as_money: null })
        expect(list.rewards.map((r) => r.points_cost)).toEqual([50, 100, 200])
        expect(reward(list.rewards, rewards.five.id)).toMatchObject({ name: "5 EUR de réduction", affordable: true, points_missing: 0, uses_left: null, on_cart: null })
        expect(reward(list.rewards, rewards.big.id)).toMatchObject({ affordable: true, points_missing: 0, min_subtotal: { eur: 100 } })
        const de = await loyalty.rewards({ locale: "de" })
        expect(reward(de.rewards, rewards.five.id).name).toBe("5 EUR Rabatt")
      })
    })

    describe("rewards at checkout", () => {
      it("rewards on a cart, apply (201), replay (200, same redemption), the cart's redemptions, remove", async () => {
        const { sdk, loyalty } = await shopper(300)
        const cartId = await cartOf(sdk)

        const onCart = await loyalty.rewards({ cart_id: cartId })
        expect(onCart.cart_id).toBe(cartId)
        expect(reward(onCart.rewards, rewards.five.id).on_cart).toEqual({ applicable: true, reason: null, message: null, details: null, discount_amount: 5 })
        const big = reward(onCart.rewards, rewards.big.id).on_cart
        expect(big).toMatchObject({ applicable: false, reason: "min_subtotal_not_met", details: { currency_code: "eur", min_subtotal: 100 } })
        expect(big.message).toEqual(expect.any(String))
        expect(reward(onCart.rewards, rewards.ship.id).on_cart).toMatchObject({ applicable: false, reason: "no_shipping_method" })

        const applied = await loyalty.applyReward(cartId, { reward_id: rewards.five.id }, { idempotencyKey: `apply-${cartId}` })
        expect(lastStatus()).toBe(201)
        expect(applied.replayed).toBe(false)
        expect(applied.balance).toBe(200)
        expect(applied.redemption).toMatchObject({ kind: "reward", status: "reserved", points: 100, reward_id: rewards.five.id, cart_id: cartId, currency_code: "eur", discount_amount: 5 })
        const code = applied.redemption.promotion_code!
        expect(code).toMatch(/^LOYALTY-/)
        expect(applied.cart.id).toBe(cartId)
        expect(applied.cart.discount_total).toBe(5)
        expect(applied.cart.promotions?.map((p) => p.code)).toEqual([code])

        const replay = await loyalty.applyReward(cartId, { reward_id: rewards.five.id }, { idempotencyKey: `apply-${cartId}` })
        expect(lastStatus()).toBe(200)
        expect(replay.replayed).toBe(true)
        expect(replay.redemption.id).toBe(applied.redemption.id)
        expect(replay.balance).toBe(200)

        const listed = await loyalty.cartRedemptions(cartId)
        expect(listed.redemptions.map((r) => [r.id, r.status])).toEqual([[applied.redemption.id, "reserved"]])
        expect(listed.balance).toBe(200)
        expect(listed.cart.items?.map((i) => i.variant_id)).toEqual([store.variants[2].id])

        const removed = await loyalty.removeRedemption(cartId, applied.redemption.id)
        expect(removed).toMatchObject({ id: applied.redemption.id, object: "loyalty_redemption", deleted: true, balance: 300 })
        expect(removed.redemption.status).toBe("released")
        expect(removed.cart.discount_total).toBe(0)
        expect(removed.cart.promotions ?? []).toEqual([])
        // Removing again changes nothing.
        expect((await loyalty.removeRedemption(cartId, applied.redemption.id)).balance).toBe(300)
        expect((await loyalty.me()).account?.balance).toBe(300)

        // Each answer's cart is the cart as Medusa's GET /store/carts/:id answers it (same fields).
        const { cart: medusaCart } = await sdk.store.cart.retrieve(cartId)
        const fields = Object.keys(medusaCart).sort()
        expect(Object.keys(removed.cart).sort()).toEqual(fields)
        expect(Object.keys((await loyalty.cartRedemptions(cartId)).cart).sort()).toEqual(fields)
        expect(Object.keys(applied.cart).sort()).toEqual(fields)
      })

      it("points as money: what the cart accepts, then { points }", async () => {
        await api.post("/admin/loyalty/program", { points_as_money: { enabled: true, value_per_point: { eur: 0.01 }, max_cart_share: 0.5 } }, admin)
        const { sdk, loyalty } = await shopper(300)
        const cartId = await cartOf(sdk)
        const { points_as_money } = await loyalty.rewards({ cart_id: cartId })
        expect(points_as_money).toMatchObject({ enabled: true, value_per_point: { eur: 0.01 }, max_cart_share: 0.5 })
        expect(points_as_money!.on_cart).toMatchObject({ applicable: true, currency_code: "eur", value_per_point: 0.01, min_points: 1, max_points: 300, max_amount: 3 })
        const paid = await loyalty.applyReward(cartId, { points: points_as_money!.on_cart.max_points! })
        expect(paid.redemption).toMatchObject({ kind: "points", points: 300, status: "reserved" })
        expect(paid.balance).toBe(0)
        expect(paid.cart.discount_total).toBe(3)
      })
    })

    describe("earn preview", () => {
      it("preview: a member's cart, and a variant x quantity without a signed-in shopper (base rate)", async () => {
        const { sdk, loyalty } = await shopper(50)
        const cartId = await cartOf(sdk)
        const onCart = await loyalty.preview({ cart_id: cartId })
        expect(lastStatus()).toBe(200)
        expect(onCart.preview).toMatchObject({ basis: "cart", cart_id: cartId, points: 49, amount_counted: "49.99", currency_code: "eur", multiplier: "1", enrolled: true, skip_reason: null })
        const anonymous = rewardflow(newSdk())
        const product = await anonymous.preview({ variant_id: store.variants[3].id, quantity: 2, region_id: store.region_id })
        expect(product.preview).toMatchObject({ basis: "variant", variant_id: store.variants[3].id, quantity: 2, points: 240, enrolled: false, tier_id: null })
        const unknown = await refusalOf(anonymous.preview({ variant_id: "variant_nope" }))
        expect(unknown).toMatchObject({ status: 404, reason: "variant_not_found", details: { variant_id: "variant_nope" } })
      })
    })

    describe("refusals", () => {
      it("insufficient_points with points_missing; a switch on the reason narrows the details", async () => {
        const { sdk, loyalty } = await shopper(20)
        const cartId = await cartOf(sdk)
        const error = await refusalOf(loyalty.applyReward(cartId, { reward_id: rewards.five.id }))
        expect(error).toMatchObject({
          status: 400,
          reason: "insufficient_points",
          details: { balance: 20, points_required: 100, points_missing: 80 },
        })
        expect(error.message).toMatch(/points/i)
        const shown = (() => {
          if (!isRewardFlowError(error)) return "not ours"
          switch (error.reason) {
            case "insufficient_points":
              return `${error.details.points_missing} more points needed`
            case "min_subtotal_not_met":
              return `${error.details.amount_missing} ${error.details.currency_code} more`
            default:
              return error.message
          }
        })()
        expect(shown).toBe("80 more points needed")
        expect((await loyalty.me()).account?.balance).toBe(20)
      })

      it("not_authenticated (401) without a logged-in customer, on every route", async () => {
        const { sdk: owner } = await shopper(300)
        const cartId = await cartOf(owner)
        const anonymous: RewardFlowClient = rewardflow(newSdk())
        const calls: [string, () => Promise<unknown>][] = [
          ["me", () => anonymous.me()],
          ["enroll", () => anonymous.enroll()],
          ["updateMe", () => anonymous.updateMe({ birthday: null })],
          ["entries", () => anonymous.entries()],
          ["rewards", () => anonymous.rewards()],
          ["googleWalletLink", () => anonymous.googleWalletLink()],
          ["cartRedemptions", () => anonymous.cartRedemptions(cartId)],
          ["applyReward", () => anonymous.applyReward(cartId, { reward_id: rewards.five.id })],
          ["removeRedemption", () => anonymous.removeRedemption(cartId, "lrdm_nope")],
        ]
        for (const [name, call] of calls) {
          const error = await refusalOf(call())
          expect([name, error.status, error.reason]).toEqual([name, 401, "not_authenticated"])
        }
      })

      it("invalid_request names the field of a bad body or query", async () => {
        const { sdk, loyalty } = await shopper(300)
        const cartId = await cartOf(sdk)
        const both = await refusalOf(loyalty.applyReward(cartId, { reward_id: rewards.five.id, points: 5 } as any))
        expect(both).toMatchObject({ status: 400, reason: "invalid_request" })
        expect(both.message).toMatch(/reward_id|points/)
        const badPoints = await refusalOf(loyalty.applyReward(cartId, { points: -5 }))
        expect(badPoints).toMatchObject({ status: 400, reason: "invalid_request", details: { field: "points" } })
        const unknown = await refusalOf(loyalty.applyReward(cartId, { reward_id: rewards.five.id, colour: "red" } as any))
        expect(unknown).toMatchObject({ reason: "invalid_request", details: { field: "colour" } })
        const limit = await refusalOf(loyalty.entries({ limit: 1000 }))
        expect(limit).toMatchObject({ status: 400, reason: "invalid_request", details: { field: "limit" } })
        const locale = await refusalOf(loyalty.enroll({ locale: "xx" as any }))
        expect(locale).toMatchObject({ reason: "invalid_request", details: { field: "locale" } })
        const april31 = await refusalOf(loyalty.updateMe({ birthday: { month: 4, day: 31 } }))
        expect(april31).toMatchObject({ status: 400, reason: "invalid_birthday", details: { month: 4, day: 31 } })
        expect((await loyalty.me()).account?.balance).toBe(300)
      })

      it("a key used for another request, another shopper's cart, an unknown redemption, a non-member", async () => {
        const { sdk, loyalty } = await shopper(300)
        const cartId = await cartOf(sdk)
        await loyalty.applyReward(cartId, { reward_id: rewards.five.id }, { idempotencyKey: `key-${cartId}` })
        const reused = await refusalOf(loyalty.applyReward(cartId, { points: 10 }, { idempotencyKey: `key-${cartId}` }))
        expect(reused).toMatchObject({ status: 409, reason: "idempotency_key_reused", details: { idempotency_key: `key-${cartId}` } })

        const other = await shopper(300)
        const theirs = await refusalOf(other.loyalty.cartRedemptions(cartId))
        expect(theirs).toMatchObject({ status: 404, reason: "cart_not_found", details: { cart_id: cartId } })
        const apply = await refusalOf(other.loyalty.applyReward(cartId, { reward_id: rewards.five.id }))
        expect(apply).toMatchObject({ status: 404, reason: "cart_not_found" })

        const unknown = await refusalOf(loyalty.removeRedemption(cartId, "lrdm_nope"))
        expect(unknown).toMatchObject({ status: 404, reason: "redemption_not_found", details: { redemption_id: "lrdm_nope" } })

        const stranger = await shopper(0, false)
        const link = await refusalOf(stranger.loyalty.googleWalletLink())
        expect(link).toMatchObject({ status: 404, reason: "not_enrolled" })
        const spend = await refusalOf(stranger.loyalty.applyReward(await cartOf(stranger.sdk), { reward_id: rewards.five.id }))
        expect(spend).toMatchObject({ reason: "not_enrolled" })
      })
    })

    describe("Google Wallet", () => {
      const ENV = {
        REWARDFLOW_GOOGLE_WALLET_ISSUER_ID: "3388000000012345678",
        REWARDFLOW_GOOGLE_WALLET_SERVICE_ACCOUNT_JSON: "",
        REWARDFLOW_GOOGLE_WALLET_DEFAULT_LOGO_URL: "",
        REWARDFLOW_GOOGLE_WALLET_API_BASE_URL: "",
        REWARDFLOW_GOOGLE_WALLET_TOKEN_URL: "",
      }
      let fake: FakeGoogleWallet

      beforeAll(async () => {
        const email = "rewardflow-wallet@rewardflow-test.iam.gserviceaccount.com"
        const keys = generateKeyPairSync("rsa", { modulusLength: 2048 })
        fake = await FakeGoogleWallet.start()
        fake.registerServiceAccount(email, keys.publicKey, [ENV.REWARDFLOW_GOOGLE_WALLET_ISSUER_ID])
        ENV.REWARDFLOW_GOOGLE_WALLET_SERVICE_ACCOUNT_JSON = JSON.stringify({
          type: "service_account",
          private_key_id: randomBytes(20).toString("hex"),
          private_key: keys.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
          client_email: email,
          token_uri: "https://oauth2.googleapis.com/token",
        })
        ENV.REWARDFLOW_GOOGLE_WALLET_DEFAULT_LOGO_URL = `${fake.url}/logo.png`
        ENV.REWARDFLOW_GOOGLE_WALLET_API_BASE_URL = fake.apiBaseUrl
        ENV.REWARDFLOW_GOOGLE_WALLET_TOKEN_URL = fake.tokenUrl
      })

      afterAll(async () => {
        for (const k of Object.keys(ENV)) delete process.env[k]
        await fake?.stop()
      })

      it("googleWalletLink: the shopper's Add to Google Wallet link", async () => {
        const { loyalty } = await shopper(120)
        Object.assign(process.env, ENV)
        const { google_wallet } = await loyalty.googleWalletLink()
        expect(google_wallet).toMatchObject({ environment: "demo", jwt: "skinny" })
        expect(google_wallet.url).toMatch(/^https:\/\/pay\.google\.com\/gp\/v\/save\/[\w-]+\.[\w-]+\.[\w-]+$/)
        expect(google_wallet.object_id).toMatch(/^3388000000012345678\./)
        expect(google_wallet.class_id).toMatch(/^3388000000012345678\./)
      })

      it("googleWalletLink: wallet_not_configured when the store has not set Wallet up", async () => {
        const { loyalty } = await shopper(120)
        for (const k of Object.keys(ENV)) delete process.env[k]
        const off = await refusalOf(loyalty.googleWalletLink())
        expect(off).toMatchObject({ status: 400, reason: "wallet_not_configured" })
      })
    })
  },
})
