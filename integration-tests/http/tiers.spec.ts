import { generateKeyPairSync, randomBytes } from "node:crypto"
import { join } from "node:path"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { MigrationScriptsMigrator } from "@medusajs/framework/migrations"
import evaluateLoyaltyTiers from "../../src/jobs/evaluate-tiers"
import { LOYALTY_MODULE } from "../../src/modules/loyalty"
import { addMonths } from "../../src/modules/loyalty/lib/ledger/expiry-store"
import { startOfZonedYear } from "../../src/modules/loyalty/lib/tiers"
import type LoyaltyModuleService from "../../src/modules/loyalty/service"
import { adminHeaders, createReturnShippingOption, receiveReturn, placeOrder, prepareCart, checkoutCart, registerCustomer, seedStore, startMailServer, subscribersDone, type MailServer, type StoreFixture } from "../fixtures"
import { checkPayload } from "../fixtures/google-wallet-schema"
import { FakeGoogleWallet } from "../fixtures/google-wallet-server"
import { decodePng, everyPixelIs } from "../fixtures/png"
import { call } from "../fixtures/http"

jest.setTimeout(240_000)

const DAY = 86_400_000
const ISSUER = "3388000000012345678"
const CLIENT_EMAIL = "rewardflow-tiers@rewardflow-test.iam.gserviceaccount.com"
const WALLET_ENV = [
  "REWARDFLOW_GOOGLE_WALLET_ISSUER_ID",
  "REWARDFLOW_GOOGLE_WALLET_SERVICE_ACCOUNT_JSON",
  "REWARDFLOW_GOOGLE_WALLET_ORIGINS",
  "REWARDFLOW_GOOGLE_WALLET_DEFAULT_LOGO_URL",
  "REWARDFLOW_GOOGLE_WALLET_API_BASE_URL",
  "REWARDFLOW_GOOGLE_WALLET_TOKEN_URL",
  "REWARDFLOW_GOOGLE_WALLET_PUBLIC_URL",
]

/**
 * VIP tiers through the store and admin APIs, with the clock driven by `now` (jobs at a date
 * months ahead, never a sleep). Silver from 100, multiplier 1.5; Gold from 1000, multiplier 2.
 * The program earns 1 point per 1.00 EUR on items (floor), no welcome bonus. Products: tote 10,
 * hoodie 49.99, jacket 120 (so the jacket alone reaches Silver).
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: StoreFixture
    let admin: { headers: Record<string, string> }
    let mail: MailServer
    let fake: FakeGoogleWallet
    let silver: any
    let gold: any
    let returnOptionId: string
    /** Every loyalty.tier_changed delivered, in order. */
    const changes: any[] = []

    const eventBus = () => getContainer().resolve(Modules.EVENT_BUS)
    const loyalty = () => getContainer().resolve<LoyaltyModuleService>(LOYALTY_MODULE)
    const adminCall = (path: string, body: unknown = {}) => call(api as any, "post", path, admin.headers, body)
    const tote = () => ({ variant_id: store.variants[0].id, quantity: 1 })
    const hoodie = () => ({ variant_id: store.variants[2].id, quantity: 1 })
    const jacket = () => ({ variant_id: store.variants[3].id, quantity: 1 })

    beforeAll(async () => {
      const container = getContainer()
      store = await seedStore(container)
      admin = await adminHeaders(container)
      returnOptionId = await createReturnShippingOption(container, store)
      // The templates are seeded the way `medusa db:migrate` does it.
      const migrator = new MigrationScriptsMigrator({ container })
      await migrator.ensureMigrationsTable()
      await migrator.run([join(__dirname, "../../src/migration-scripts")])
      mail = await startMailServer()
      await adminCall("/admin/loyalty/email/settings", { provider: "smtp", host: "127.0.0.1", port: mail.port, from_address: "loyalty@rewardflow.test" })
      await adminCall("/admin/loyalty/program", {
        welcome_bonus_points: 0,
        points_as_money: { enabled: true, value_per_point: { eur: 0.01 }, max_cart_share: 1 },
      })
      silver = (await adminCall("/admin/loyalty/tiers", {
        name: { en: "Silver", fr: "Argent", de: "Silber", lb: "Sëlwer" },
        perks: { en: "Free shipping", fr: "Livraison offerte", de: "Gratis Versand" },
        threshold: 100,
        multiplier: 1.5,
        color: "#C0C0C0",
      })).tier
      gold = (await adminCall("/admin/loyalty/tiers", { name: { en: "Gold" }, threshold: 1000, multiplier: 2, color: null })).tier
      eventBus().subscribe("loyalty.tier_changed", async (event: any) => void changes.push(event.data), { subscriberId: "tiers-spec-recorder" })

      fake = await FakeGoogleWallet.start()
      const keys = generateKeyPairSync("rsa", { modulusLength: 2048 })
      fake.registerServiceAccount(CLIENT_EMAIL, keys.publicKey, [ISSUER])
      Object.assign(process.env, {
        REWARDFLOW_GOOGLE_WALLET_ISSUER_ID: ISSUER,
        REWARDFLOW_GOOGLE_WALLET_SERVICE_ACCOUNT_JSON: JSON.stringify({
          type: "service_account",
          project_id: "rewardflow-test",
          private_key_id: randomBytes(20).toString("hex"),
          private_key: keys.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
          client_email: CLIENT_EMAIL,
          token_uri: "https://oauth2.googleapis.com/token",
        }),
        REWARDFLOW_GOOGLE_WALLET_ORIGINS: "https://shop.rewardflow.test",
        REWARDFLOW_GOOGLE_WALLET_DEFAULT_LOGO_URL: `${fake.url}/logo.png`,
        REWARDFLOW_GOOGLE_WALLET_API_BASE_URL: fake.apiBaseUrl,
        REWARDFLOW_GOOGLE_WALLET_TOKEN_URL: fake.tokenUrl,
        // The tier bands are served by this test server (http is fine for the fake Google).
        REWARDFLOW_GOOGLE_WALLET_PUBLIC_URL: (api as any).defaults.baseURL,
      })
    })

    afterAll(async () => {
      for (const k of WALLET_ENV) delete process.env[k]
      await fake?.stop()
      await mail?.stop()
    })

    let seq = 0
    async function member(locale: "en" | "fr" | "de" | "lb" = "en") {
      seq++
      const email = `tier${seq}-${Date.now()}@rewardflow.test`
      const s = await registerCustomer(api as any, store.publishable_key, { email, password: "s3cret-pass", first_name: "Lea" })
      const { data } = await api.post("/store/loyalty/enroll", { locale }, { headers: s.headers })
      return { ...s, email, account_id: data.account.id as string }
    }
    type Member = Awaited<ReturnType<typeof member>>

    /** Runs `action`, then waits until every subscriber of each event has run once. */
    async function after<T>(events: string[], action: () => Promise<T>): Promise<T> {
      const done = Promise.all(events.map((e) => subscribersDone(e, eventBus())))
      const out = await action()
      await done
      return out
    }
    /** An order whose award moves the member to another tier (waits for the move's email and pass sync). */
    const orderMoving = (m: Member, items: { variant_id: string; quantity: number }[]) =>
      after(["loyalty.points_earned", "loyalty.tier_changed"], () => placeOrder(api as any, m.headers, store, { items }))
    /** An order that earns without a move. */
    const order = (m: Member, items: { variant_id: string; quantity: number }[]) =>
      after(["loyalty.points_earned"], () => placeOrder(api as any, m.headers, store, { items }))
    const cancel = (orderId: string) => after(["loyalty.points_reversed"], () => adminCall(`/admin/orders/${orderId}/cancel`))
    const me = async (m: Member, locale?: string) =>
      (await api.get(`/store/loyalty/me${locale ? `?locale=${locale}` : ""}`, { headers: m.headers })).data.account
    const adminView = async (m: Member) => (await api.get(`/admin/loyalty/accounts/${m.account_id}`, admin)).data.account
    const accountRow = async (m: Member) => (await loyalty().listLoyaltyAccounts({ id: m.account_id }))[0] as any
    const orderEarn = async (orderId: string) => {
      const state = await loyalty().retrieveOrderPointsState(orderId)
      return { net: state.net, basis: (state.earn?.metadata as any)?.earning_basis }
    }
    const mailsTo = (m: Member) => mail.mails.filter((x) => x.envelope.to.includes(m.email))
    const changesOf = (m: Member) => changes.filter((c) => c.id === m.account_id)
    const job = (now: Date) => evaluateLoyaltyTiers(getContainer(), { now })
    const movesOf = (result: Awaited<ReturnType<typeof job>>, m: Member) => result.changed.filter((c) => c.account_id === m.account_id)

    describe("upgrades", () => {
      it("an order that crosses the threshold upgrades at once, the next order earns with the multiplier, spending points keeps the tier", async () => {
        const m = await member("fr")
        const first = await orderMoving(m, [jacket()])
        expect(await orderEarn(first.id)).toMatchObject({ net: 120, basis: { multiplier: "1" } })

        let account = await me(m)
        expect(account.tier).toEqual({ id: silver.id, name: "Argent", perks: "Livraison offerte", multiplier: 1.5, color: "#C0C0C0", threshold: 100 })
        expect(account.tier_progress).toMatchObject({
          basis: "points_earned",
          period: "rolling_12_months",
          value: 120,
          next_tier: { id: gold.id, name: "Gold", threshold: 1000 },
          to_next: 880,
          below_since: null,
          grace_ends_at: null,
        })
        // The request's locale wins over the member's; Luxembourgish perks fall back to German.
        expect((await me(m, "lb")).tier).toMatchObject({ name: "Sëlwer", perks: "Gratis Versand" })
        expect(changesOf(m)).toEqual([
          expect.objectContaining({ customer_id: m.customer.id, from_tier_id: null, to_tier_id: silver.id, direction: "up", qualifying_value: 120 }),
        ])
        const view = await adminView(m)
        expect(view.tier).toMatchObject({ id: silver.id, name: { en: "Silver", fr: "Argent" }, multiplier: 1.5 })
        expect(view.tier_changes).toEqual([
          expect.objectContaining({ direction: "up", from_tier: null, to_tier: { id: silver.id, name: expect.objectContaining({ en: "Silver" }) }, qualifying_value: 120, reason: "points earned" }),
        ])
        const upgradeMails = () => mailsTo(m).filter((x) => x.subject === "Bienvenue au niveau Argent !")
        expect(upgradeMails()).toHaveLength(1)
        expect(upgradeMails()[0].text).toContain("Félicitations ! Vos achats vous ont fait passer au niveau Argent.")
        expect(upgradeMails()[0].text).toContain("Vos avantages Argent : Livraison offerte")

        // The next order earns at Silver's 1.5: 10.00 x 1.5 = 15, and its basis keeps the multiplier.
        const second = await order(m, [tote()])
        expect(await orderEarn(second.id)).toMatchObject({ net: 15, basis: { multiplier: "1.5" } })

        // 100 points pay 1.00 of a tote: the order earns 9.00 x 1.5 = 13.5 -> 13; spending costs no tier.
        const cart = await prepareCart(api as any, m.headers, store, { items: [tote()] })
        await api.post(`/store/carts/${cart.id}/loyalty/redemptions`, { points: 100 }, { headers: m.headers })
        const third = await after(["loyalty.points_earned"], () => checkoutCart(api as any, m.headers, store, cart.id))
        expect((await orderEarn(third.id)).net).toBe(13)
        account = await me(m)
        expect(account.balance).toBe(120 + 15 - 100 + 13)
        expect(account.tier?.id).toBe(silver.id)
        expect(account.tier_progress).toMatchObject({ value: 148, to_next: 852, below_since: null })
        expect(movesOf(await job(new Date(Date.now() + DAY)), m)).toEqual([])
        expect((await accountRow(m)).tier_below_since).toBeNull()
        expect(changesOf(m)).toHaveLength(1)
        expect(upgradeMails()).toHaveLength(1)
      })

      it("a tier moves only by the tier rules: the generated writers refuse", async () => {
        const m = await member()
        await expect(loyalty().updateLoyaltyAccounts({ id: m.account_id, tier_id: gold.id } as any)).rejects.toThrow(/updateLoyaltyAccounts with tier_id is not available/)
        await expect(loyalty().createLoyaltyTierChanges({ account_id: m.account_id, direction: "up", qualifying_value: 1 } as any)).rejects.toThrow(/evaluateTier/)
        expect((await accountRow(m)).tier_id).toBeNull()
      })

      it("a program without tiers skips the evaluation: its orders move no member", async () => {
        const m = await member()
        expect(await loyalty().tiersApply(m.account_id)).toBe(true)
        await api.delete(`/admin/loyalty/tiers/${gold.id}`, admin)
        await api.delete(`/admin/loyalty/tiers/${silver.id}`, admin)
        expect(await loyalty().tiersApply(m.account_id)).toBe(false)
        await order(m, [jacket()])
        expect((await accountRow(m)).tier_id).toBeNull()
        expect(changesOf(m)).toEqual([])
      })

      it("two evaluations at once move the member once: one change row, one event", async () => {
        const m = await member()
        await orderMoving(m, [jacket()])
        // A tier added below the member's value: nothing moves them until an evaluation.
        const silverPlus = (await adminCall("/admin/loyalty/tiers", { name: { en: "Silver Plus" }, threshold: 110, multiplier: 1.75 })).tier
        expect((await accountRow(m)).tier_id).toBe(silver.id)

        const now = new Date()
        const [a, b] = await after(["loyalty.tier_changed"], () => Promise.all([job(now), job(now)]))
        expect([...movesOf(a, m), ...movesOf(b, m)]).toEqual([{ account_id: m.account_id, from_tier_id: silver.id, to_tier_id: silverPlus.id, direction: "up" }])
        expect((await accountRow(m)).tier_id).toBe(silverPlus.id)
        const rows = await loyalty().listLoyaltyTierChanges({ account_id: m.account_id }, { order: { created_at: "ASC" } })
        expect(rows.map((r) => [r.from_tier_id, r.to_tier_id, r.reason])).toEqual([
          [null, silver.id, "points earned"],
          [silver.id, silverPlus.id, "daily evaluation"],
        ])
        expect(changesOf(m).map((c) => c.to_tier_id)).toEqual([silver.id, silverPlus.id])
        // Run again: nothing more.
        expect(movesOf(await job(now), m)).toEqual([])
      })
    })

    describe("downgrades", () => {
      it("wait for the grace period: below at +13 months, kept at +29 days, down at +31 days, with the mail in the member's language", async () => {
        const m = await member("de")
        await orderMoving(m, [jacket()])
        const t = addMonths(new Date(), 13)

        // The 120 points are out of the 12 months: the grace period starts.
        expect(movesOf(await job(t), m)).toEqual([])
        expect(new Date((await accountRow(m)).tier_below_since).toISOString()).toBe(t.toISOString())
        const view = await adminView(m)
        expect(view.tier?.id).toBe(silver.id)
        expect(view.tier_progress).toMatchObject({ below_since: t.toISOString(), grace_ends_at: new Date(t.getTime() + 30 * DAY).toISOString() })

        expect(movesOf(await job(new Date(t.getTime() + 29 * DAY)), m)).toEqual([])
        expect((await accountRow(m)).tier_id).toBe(silver.id)
        expect(new Date((await accountRow(m)).tier_below_since).toISOString()).toBe(t.toISOString())

        const down = new Date(t.getTime() + 31 * DAY)
        const result = await after(["loyalty.tier_changed"], () => job(down))
        expect(movesOf(result, m)).toEqual([{ account_id: m.account_id, from_tier_id: silver.id, to_tier_id: null, direction: "down" }])
        const row = await accountRow(m)
        expect(row).toMatchObject({ tier_id: null, tier_below_since: null })
        expect(new Date(row.tier_reached_at).toISOString()).toBe(down.toISOString())
        const history = (await adminView(m)).tier_changes
        expect(history.map((c: any) => [c.direction, c.from_tier?.id ?? null, c.to_tier?.id ?? null, c.qualifying_value])).toEqual([
          ["down", silver.id, null, 0],
          ["up", null, silver.id, 120],
        ])
        expect(new Date(history[0].created_at).toISOString()).toBe(down.toISOString())
        expect(changesOf(m).map((c) => c.direction)).toEqual(["up", "down"])
        const tierMails = mailsTo(m).filter((x) => /Status/.test(x.subject ?? ""))
        expect(tierMails.map((x) => x.subject)).toEqual(["Willkommen im Status Silber!", "Ihr Status Silber ist abgelaufen"])
        expect(tierMails[1].text).toContain("Ihr Status Silber ist abgelaufen: Ihre Aktivität im letzten Zeitraum blieb auch nach der Kulanzfrist unter seiner Schwelle.")
        expect((await me(m)).tier).toBeNull()

        // The job again, later: nothing more.
        expect(movesOf(await job(new Date(down.getTime() + DAY)), m)).toEqual([])
        expect(changesOf(m)).toHaveLength(2)
      })

      it("a cancel that drops the member below the threshold starts the grace period; the downgrade comes after it", async () => {
        const m = await member()
        const big = await orderMoving(m, [jacket()])
        await order(m, [tote()]) // 15 points at Silver
        const before = Date.now()
        await cancel(big.id)
        const row = await accountRow(m)
        expect(row.tier_id).toBe(silver.id)
        const since = new Date(row.tier_below_since).getTime()
        expect(since).toBeGreaterThanOrEqual(before - 5_000)
        const account = await me(m)
        expect(account.tier?.id).toBe(silver.id)
        // Still Silver during the grace period: the next tier up is Gold.
        expect(account.tier_progress).toMatchObject({ value: 15, next_tier: { id: gold.id }, to_next: 985, grace_ends_at: new Date(since + 30 * DAY).toISOString() })
        expect(changesOf(m)).toHaveLength(1)

        expect(movesOf(await job(new Date(since + 29 * DAY)), m)).toEqual([])
        expect((await accountRow(m)).tier_id).toBe(silver.id)
        const result = await after(["loyalty.tier_changed"], () => job(new Date(since + 31 * DAY)))
        expect(movesOf(result, m)).toEqual([{ account_id: m.account_id, from_tier_id: silver.id, to_tier_id: null, direction: "down" }])
        expect(mailsTo(m).filter((x) => x.subject === "Your Silver tier has ended")).toHaveLength(1)
      })

      it("a return that drops the member below the threshold starts the grace period; the downgrade comes after it", async () => {
        const m = await member()
        const big = await orderMoving(m, [jacket()])
        await order(m, [tote()]) // 15 points at Silver
        const { data } = await api.get(`/admin/orders/${big.id}?fields=id,items.id`, admin)
        const line = data.order.items[0].id
        await adminCall(`/admin/orders/${big.id}/fulfillments`, { items: [{ id: line, quantity: 1 }], location_id: store.stock_location_id })
        const before = Date.now()
        await after(["loyalty.points_reversed"], () =>
          receiveReturn(adminCall, eventBus(), {
            order_id: big.id,
            location_id: store.stock_location_id,
            return_option_id: returnOptionId,
            items: [{ id: line, quantity: 1 }],
          })
        )
        expect((await orderEarn(big.id)).net).toBe(0)
        const row = await accountRow(m)
        expect(row.tier_id).toBe(silver.id)
        const since = new Date(row.tier_below_since).getTime()
        expect(since).toBeGreaterThanOrEqual(before - 5_000)
        expect((await me(m)).tier_progress).toMatchObject({ value: 15, grace_ends_at: new Date(since + 30 * DAY).toISOString() })

        expect(movesOf(await job(new Date(since + 29 * DAY)), m)).toEqual([])
        expect((await accountRow(m)).tier_id).toBe(silver.id)
        const result = await after(["loyalty.tier_changed"], () => job(new Date(since + 31 * DAY)))
        expect(movesOf(result, m)).toEqual([{ account_id: m.account_id, from_tier_id: silver.id, to_tier_id: null, direction: "down" }])
        expect((await accountRow(m)).tier_id).toBeNull()
      })

      it("back above the threshold during the grace period ends it", async () => {
        const m = await member()
        const big = await orderMoving(m, [jacket()])
        await cancel(big.id)
        expect((await accountRow(m)).tier_below_since).not.toBeNull()
        // 2 hoodies: 99.98 x 1.5 (still Silver) = 149 points.
        await order(m, [{ ...hoodie(), quantity: 2 }])
        expect(await accountRow(m)).toMatchObject({ tier_id: silver.id, tier_below_since: null })
        expect(movesOf(await job(new Date(Date.now() + 31 * DAY)), m)).toEqual([])
        expect(changesOf(m)).toHaveLength(1)
      })
    })

    describe("program settings", () => {
      it("calendar year: what counts starts on 1 January in the program's time zone", async () => {
        const zone = "Europe/Luxembourg"
        await adminCall("/admin/loyalty/program", { tier_period: "calendar_year", time_zone: zone })
        const m = await member()
        await orderMoving(m, [jacket()])
        expect((await me(m)).tier_progress).toMatchObject({ period: "calendar_year", value: 120 })

        const thisYear = startOfZonedYear(new Date(), zone)
        const nextYear = startOfZonedYear(new Date(thisYear.getTime() + 400 * DAY), zone)
        // A minute before midnight in Luxembourg the year's points still count...
        expect(movesOf(await job(new Date(nextYear.getTime() - 60_000)), m)).toEqual([])
        expect((await accountRow(m)).tier_below_since).toBeNull()
        // ...a minute after, the new year counts from 0 (still the old year in UTC).
        const newYear = new Date(nextYear.getTime() + 60_000)
        expect(movesOf(await job(newYear), m)).toEqual([])
        expect(new Date((await accountRow(m)).tier_below_since).toISOString()).toBe(newYear.toISOString())
        const result = await after(["loyalty.tier_changed"], () => job(new Date(newYear.getTime() + 30 * DAY)))
        expect(movesOf(result, m)).toEqual([{ account_id: m.account_id, from_tier_id: silver.id, to_tier_id: null, direction: "down" }])
      })

      it("money spent: thresholds count the money of the orders (in the tier currency), not the points", async () => {
        // 2 points per 1.00 EUR: points run ahead of the money.
        await adminCall("/admin/loyalty/program", { tier_basis: "money_spent", tier_currency_code: "eur", earn_rates: { eur: { points: 2, amount: 1 } } })
        const m = await member()
        // 69.99 EUR of items: 139 points, but 69 EUR spent: no tier.
        await order(m, [hoodie(), { ...tote(), quantity: 2 }])
        let account = await me(m)
        expect(account.balance).toBe(139)
        expect(account.tier).toBeNull()
        expect(account.tier_progress).toMatchObject({ basis: "money_spent", value: 69, next_tier: { id: silver.id, threshold: 100 }, to_next: 31 })

        // 40 EUR more: 109.99 -> 109 EUR spent reaches Silver.
        const second = await orderMoving(m, [{ ...tote(), quantity: 4 }])
        account = await me(m)
        expect(account.tier?.id).toBe(silver.id)
        expect(account.tier_progress.value).toBe(109)
        expect(changesOf(m)).toEqual([expect.objectContaining({ to_tier_id: silver.id, direction: "up", qualifying_value: 109 })])

        // Canceled, the 40 EUR no longer count: the grace period starts, no downgrade yet.
        await cancel(second.id)
        const row = await accountRow(m)
        expect(row.tier_id).toBe(silver.id)
        expect(row.tier_below_since).not.toBeNull()
        expect((await me(m)).tier_progress.value).toBe(69)
      })
    })

    describe("Google Wallet", () => {
      it("the pass shows the tier once the member moves", async () => {
        const m = await member("fr")
        const link = (await api.get("/store/loyalty/me/wallet/google", { headers: m.headers })).data.google_wallet
        expect(fake.objects.get(link.object_id).secondaryLoyaltyPoints).toBeUndefined()

        await orderMoving(m, [jacket()])
        const object = fake.objects.get(link.object_id)
        expect(checkPayload("loyaltyObject", object)).toBeNull()
        expect(object.loyaltyPoints.balance).toEqual({ int: 120 })
        expect(object.secondaryLoyaltyPoints).toMatchObject({
          label: "Niveau",
          balance: { string: "Argent" },
          localizedLabel: { defaultValue: { language: "fr", value: "Niveau" } },
        })
        const tierModule = object.textModulesData.find((t: any) => t.id === "tier")
        expect(tierModule).toMatchObject({ header: "Votre niveau", body: "Argent: Livraison offerte" })
        expect(tierModule.localizedBody.translatedValues).toEqual(
          expect.arrayContaining([
            { language: "en", value: "Silver: Free shipping" },
            { language: "lb", value: "Sëlwer: Gratis Versand" },
          ])
        )
        // Silver's colour (#C0C0C0) as the hero band, served by the plugin without any credentials.
        const bandUrl = `${(api as any).defaults.baseURL}/rewardflow/wallet/tier-band/c0c0c0.png`
        expect(object.heroImage).toEqual({
          sourceUri: { uri: bandUrl },
          contentDescription: {
            defaultValue: { language: "fr", value: "Niveau Argent" },
            translatedValues: [
              { language: "en", value: "Silver tier" },
              { language: "de", value: "Status Silber" },
              { language: "lb", value: "Status Sëlwer" },
            ],
          },
        })
        const band = await fetch(bandUrl)
        expect(band.status).toBe(200)
        expect(band.headers.get("content-type")).toBe("image/png")
        expect(band.headers.get("cache-control")).toBe("public, max-age=31536000, immutable")
        const png = decodePng(Buffer.from(await band.arrayBuffer()))
        expect([png.width, png.height]).toEqual([1032, 336])
        expect(everyPixelIs(png.pixels, [0xc0, 0xc0, 0xc0])).toBe(true)
      })

      it("a tier without a colour clears the band from the pass; a bad band colour is a 400", async () => {
        const m = await member("en")
        const link = (await api.get("/store/loyalty/me/wallet/google", { headers: m.headers })).data.google_wallet
        await orderMoving(m, [jacket()])
        expect(fake.objects.get(link.object_id).heroImage.sourceUri.uri).toMatch(/\/rewardflow\/wallet\/tier-band\/c0c0c0\.png$/)

        // 120 + 8 x 120 x 1.5 = 1560 points earned: Gold, which has no colour.
        const since = fake.requests.length
        await orderMoving(m, [{ ...jacket(), quantity: 8 }])
        expect((await me(m)).tier).toMatchObject({ id: gold.id, color: null })
        const patch = fake.requests.slice(since).filter((r) => r.kind === "loyaltyObject" && r.method === "PATCH").pop()!
        expect(patch.body.heroImage).toBeNull()
        const object = fake.objects.get(link.object_id)
        expect(checkPayload("loyaltyObject", object)).toBeNull()
        expect(object.heroImage ?? null).toBeNull()
        expect(object.secondaryLoyaltyPoints.balance).toEqual({ string: "Gold" })

        for (const file of ["c0c0c.png", "c0c0c0.jpg", "zzzzzz.png"]) {
          const res = await fetch(`${(api as any).defaults.baseURL}/rewardflow/wallet/tier-band/${file}`)
          expect(res.status).toBe(400)
          expect((await res.json()).message).toBe(`hex must be 6 hex digits followed by .png (like c0c0c0.png), got "${file}"`)
        }
      })
    })
  },
})
