import { generateKeyPairSync, randomBytes, verify, type KeyObject } from "node:crypto"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { medusaIntegrationTestRunner, TestEventUtils } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { LOYALTY_WALLET_MODULE } from "../../src/modules/loyalty-wallet"
import type LoyaltyWalletModuleService from "../../src/modules/loyalty-wallet/service"
import retryWalletPasses from "../../src/jobs/retry-wallet-passes"
import { adminHeaders, failure, placeOrder, registerCustomer, seedStore, type StoreFixture } from "../fixtures"
import { FakeGoogleWallet } from "../fixtures/google-wallet-server"

jest.setTimeout(180_000)

const ISSUER = "3388000000012345678"
const CLIENT_EMAIL = "rewardflow-wallet@rewardflow-test.iam.gserviceaccount.com"
const ORIGIN = "https://shop.rewardflow.test"
const WALLET_ID = /^\d+\.[A-Za-z0-9._-]+$/

function rsaKeyPair() {
  return generateKeyPairSync("rsa", { modulusLength: 2048 })
}

/** A service account key file as Google Cloud console downloads it. */
function serviceAccountJson(privateKey: KeyObject, email = CLIENT_EMAIL) {
  return JSON.stringify({
    type: "service_account",
    project_id: "rewardflow-test",
    private_key_id: randomBytes(20).toString("hex"),
    private_key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    client_email: email,
    client_id: "100000000000000000001",
    token_uri: "https://oauth2.googleapis.com/token",
  })
}

function decodeJwt(jwt: string) {
  const [h, p, s] = jwt.split(".")
  return {
    header: JSON.parse(Buffer.from(h, "base64url").toString()),
    claims: JSON.parse(Buffer.from(p, "base64url").toString()),
    signingInput: `${h}.${p}`,
    signature: Buffer.from(s, "base64url"),
  }
}

const ENV_KEYS = [
  "REWARDFLOW_GOOGLE_WALLET_ISSUER_ID",
  "REWARDFLOW_GOOGLE_WALLET_SERVICE_ACCOUNT_JSON",
  "REWARDFLOW_GOOGLE_WALLET_KEY_FILE",
  "REWARDFLOW_GOOGLE_WALLET_ORIGINS",
  "REWARDFLOW_GOOGLE_WALLET_DEFAULT_LOGO_URL",
  "REWARDFLOW_GOOGLE_WALLET_API_BASE_URL",
  "REWARDFLOW_GOOGLE_WALLET_TOKEN_URL",
  "REWARDFLOW_ENCRYPTION_KEY",
]

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: StoreFixture
    let admin: { headers: Record<string, string> }
    let fake: FakeGoogleWallet
    const keys = rsaKeyPair()
    const wrongKeys = rsaKeyPair()
    const goodJson = serviceAccountJson(keys.privateKey)
    let baseEnv: Record<string, string>

    beforeAll(async () => {
      fake = await FakeGoogleWallet.start()
      fake.registerServiceAccount(CLIENT_EMAIL, keys.publicKey, [ISSUER])
      baseEnv = {
        REWARDFLOW_GOOGLE_WALLET_ISSUER_ID: ISSUER,
        REWARDFLOW_GOOGLE_WALLET_SERVICE_ACCOUNT_JSON: goodJson,
        REWARDFLOW_GOOGLE_WALLET_ORIGINS: `${ORIGIN}, https://www.rewardflow.test`,
        REWARDFLOW_GOOGLE_WALLET_DEFAULT_LOGO_URL: `${fake.url}/logo.png`,
        // Only the base URLs change: the plugin's own client code talks to the loopback server.
        REWARDFLOW_GOOGLE_WALLET_API_BASE_URL: fake.apiBaseUrl,
        REWARDFLOW_GOOGLE_WALLET_TOKEN_URL: fake.tokenUrl,
        REWARDFLOW_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
      }
      const container = getContainer()
      store = await seedStore(container)
      admin = await adminHeaders(container)
    })

    beforeEach(() => {
      for (const k of ENV_KEYS) delete process.env[k]
      Object.assign(process.env, baseEnv)
      fake.down = false
    })

    afterAll(async () => {
      for (const k of ENV_KEYS) delete process.env[k]
      await fake?.stop()
    })

    const eventBus = () => getContainer().resolve(Modules.EVENT_BUS)
    const wallet = () => getContainer().resolve<LoyaltyWalletModuleService>(LOYALTY_WALLET_MODULE)
    const settings = async () => (await api.get("/admin/loyalty/wallet/settings", admin)).data.google_wallet
    const saveSettings = async (body: Record<string, unknown>) =>
      (await api.post("/admin/loyalty/wallet/settings", body, admin)).data.google_wallet
    const validate = async () => {
      const { data } = await api.post("/admin/loyalty/wallet/validate", {}, admin)
      return Object.fromEntries(data.validation.checks.map((c: any) => [c.id, c])) as Record<string, any>
    }

    let seq = 0
    async function member(first_name = "Lea", last_name = "Muller") {
      seq++
      const shopper = await registerCustomer(api as any, store.publishable_key, {
        email: `wallet${seq}-${Date.now()}@rewardflow.test`,
        password: "s3cret-pass",
        first_name,
        last_name,
      })
      await api.post("/store/loyalty/enroll", { locale: "fr" }, { headers: shopper.headers })
      const { account } = (await api.get("/store/loyalty/me", { headers: shopper.headers })).data
      return { ...shopper, account }
    }
    const balanceOf = async (headers: Record<string, string>) =>
      (await api.get("/store/loyalty/me", { headers })).data.account.balance
    const saveLink = async (headers: Record<string, string>) =>
      (await api.get("/store/loyalty/me/wallet/google", { headers })).data.google_wallet

    /** Runs an action and waits until every subscriber of `event` (the Wallet sync among them) has run. */
    async function andWait(event: string, action: () => Promise<unknown>) {
      const done = TestEventUtils.waitSubscribersExecution(event, eventBus())
      const out = await action()
      await done
      return out
    }
    const adjust = (accountId: string, points: number) =>
      andWait("loyalty.points_adjusted", () =>
        api.post(`/admin/loyalty/accounts/${accountId}/adjust`, { points, reason: "Wallet test" }, admin)
      )
    const passOf = async (accountId: string) => (await wallet().listLoyaltyWalletPasses({ account_id: accountId }))[0]

    describe("settings", () => {
      it("shows effective values with their source and never the private key; admin values override env", async () => {
        let view = await settings()
        expect(view.settings.issuer_id).toEqual({ value: ISSUER, source: "env", is_set: true })
        expect(view.settings.service_account_json).toEqual({ value: null, source: "env", secret: true, is_set: true })
        expect(view.settings.environment).toEqual({ value: "demo", source: "default", is_set: true })
        expect(view.settings.origins.value).toEqual([ORIGIN, "https://www.rewardflow.test"])
        expect(view.service_account).toEqual({ client_email: CLIENT_EMAIL, from: "service_account_json" })
        expect(view.configured).toBe(true)
        expect(JSON.stringify(view)).not.toContain("PRIVATE KEY")

        const otherKey = serviceAccountJson(keys.privateKey)
        view = await saveSettings({ environment: "production", issuer_name: "RewardFlow Lëtzebuerg", service_account_json: otherKey })
        expect(view.environment).toBe("production")
        expect(view.settings.environment).toEqual({ value: "production", source: "database", is_set: true })
        expect(view.settings.issuer_name.source).toBe("database")
        expect(view.settings.service_account_json).toEqual({ value: null, source: "database", secret: true, is_set: true })
        expect(JSON.stringify(view)).not.toContain("PRIVATE KEY")
        const stored = await wallet().getStoredOverrides()
        expect(JSON.stringify(stored)).not.toContain("PRIVATE KEY")
        expect(stored.environment).toBe("production")

        view = await saveSettings({ service_account_json: null, environment: null })
        expect(view.settings.service_account_json.source).toBe("env")
        expect(view.settings.environment).toEqual({ value: "demo", source: "default", is_set: true })
      })

      it("refuses bad input with the field named, and changes nothing", async () => {
        const before = await wallet().getStoredOverrides()
        const cases: [Record<string, unknown>, RegExp][] = [
          [{ service_account_json: "{not json" }, /service_account_json is not valid JSON/],
          [{ service_account_json: JSON.stringify({ type: "service_account" }) }, /service_account_json has no client_email/],
          [{ origins: ["https://shop.example/path"] }, /origins/],
          [{ issuer_id: "my-shop" }, /issuer_id must be the numeric issuer id/],
          [{ environment: "staging" }, /environment/],
          [{ api_base_url: "https://evil.example" }, /api_base_url/],
        ]
        for (const [body, message] of cases) {
          const res = await failure(api.post("/admin/loyalty/wallet/settings", body, admin))
          expect(res.status).toBe(400)
          expect(res.data.message).toMatch(message)
        }
        expect(await wallet().getStoredOverrides()).toEqual(before)
      })
    })

    describe("validator", () => {
      it("passes every check on a good setup and creates the program's class", async () => {
        const checks = await validate()
        expect(Object.keys(checks)).toEqual(["service_account", "token", "issuer", "origins", "logo"])
        for (const check of Object.values(checks)) expect(check).toMatchObject({ ok: true })
        expect(checks.token.message).toContain(CLIENT_EMAIL)
        const classId = [...fake.classes.keys()].find((id) => id.startsWith(`${ISSUER}.rewardflow-`))
        expect(classId).toMatch(WALLET_ID)
        expect(checks.issuer.message).toMatch(/created|readable/)
        // A second run reads the class it created.
        expect((await validate()).issuer.message).toBe(`class ${classId} is readable (reviewStatus UNDER_REVIEW)`)
      })

      it("reports a service account JSON that does not parse, from env or a key file", async () => {
        process.env.REWARDFLOW_GOOGLE_WALLET_SERVICE_ACCOUNT_JSON = '{"type": "service_account", '
        let checks = await validate()
        expect(checks.service_account.ok).toBe(false)
        expect(checks.service_account.message).toMatch(/^service_account_json is not valid JSON/)
        expect(checks.service_account.fix).toMatch(/Keys > Add key > JSON/)
        expect(checks.token).toMatchObject({ ok: false, message: "not tried: the service account key is not usable" })
        expect(checks.origins.ok).toBe(true)

        delete process.env.REWARDFLOW_GOOGLE_WALLET_SERVICE_ACCOUNT_JSON
        const dir = mkdtempSync(join(tmpdir(), "rf-wallet-"))
        writeFileSync(join(dir, "key.json"), JSON.stringify({ type: "authorized_user", client_id: "x" }))
        process.env.REWARDFLOW_GOOGLE_WALLET_KEY_FILE = join(dir, "key.json")
        checks = await validate()
        expect(checks.service_account.message).toMatch(/key_file has no client_email and no private_key/)
        process.env.REWARDFLOW_GOOGLE_WALLET_KEY_FILE = join(dir, "missing.json")
        expect((await validate()).service_account.message).toMatch(/cannot be read \(ENOENT\)/)
      })

      it("reports a key Google rejects: the token endpoint verifies the assertion's signature", async () => {
        await saveSettings({ service_account_json: serviceAccountJson(wrongKeys.privateKey) })
        const checks = await validate()
        expect(checks.service_account.ok).toBe(true)
        expect(checks.token.ok).toBe(false)
        expect(checks.token.message).toBe("OAuth token request answered 400: invalid_grant: Invalid JWT Signature.")
        expect(checks.token.fix).toMatch(/create a new JSON key/)
        expect(checks.issuer).toMatchObject({ ok: false })
        expect(fake.tokenRequests.at(-1)).toMatchObject({ iss: CLIENT_EMAIL, ok: false })
      })

      it("reports an issuer id that is not numeric, or that the service account may not manage", async () => {
        process.env.REWARDFLOW_GOOGLE_WALLET_ISSUER_ID = "my-shop"
        expect((await validate()).issuer).toMatchObject({ ok: false, message: 'issuer id "my-shop" is not numeric' })
        await saveSettings({ issuer_id: "3388000000099999999" })
        const issuer = (await validate()).issuer
        expect(issuer.ok).toBe(false)
        expect(issuer.message).toContain("answered 403 PERMISSION_DENIED: The caller does not have permission")
        expect(issuer.fix).toContain(`invite ${CLIENT_EMAIL}`)
      })

      it("reports origins that are not https", async () => {
        await saveSettings({ origins: ["http://shop.rewardflow.test", ORIGIN] })
        const checks = await validate()
        expect(checks.origins).toMatchObject({ ok: false, message: "http://shop.rewardflow.test is not https" })
        expect(checks.origins.fix).toMatch(/https origins only/)
      })

      it("reports a logo that answers 404 or is not an image", async () => {
        await saveSettings({ default_logo_url: `${fake.url}/missing-logo.png` })
        let logo = (await validate()).logo
        expect(logo.ok).toBe(false)
        expect(logo.message).toMatch(/missing-logo\.png answered 404/)
        await saveSettings({ default_logo_url: `${fake.url}/index.html` })
        logo = (await validate()).logo
        expect(logo.message).toMatch(/content type text\/html; charset=utf-8, not an image/)
      })
    })

    describe("Add to Google Wallet link", () => {
      it("is a save URL whose JWT verifies with the service account's public key and carries the class and object", async () => {
        const shopper = await member()
        await adjust(shopper.account.id, 120)
        const link = await saveLink(shopper.headers)
        expect(link.url.startsWith("https://pay.google.com/gp/v/save/")).toBe(true)
        const jwt = decodeJwt(link.url.slice("https://pay.google.com/gp/v/save/".length))
        expect(jwt.header.alg).toBe("RS256")
        expect(verify("RSA-SHA256", Buffer.from(jwt.signingInput), keys.publicKey, jwt.signature)).toBe(true)
        expect(verify("RSA-SHA256", Buffer.from(jwt.signingInput), wrongKeys.publicKey, jwt.signature)).toBe(false)
        const { claims } = jwt
        expect(claims).toMatchObject({ iss: CLIENT_EMAIL, aud: "google", typ: "savetowallet", origins: [ORIGIN, "https://www.rewardflow.test"] })
        expect(Number.isInteger(claims.iat)).toBe(true)

        const [klass] = claims.payload.loyaltyClasses
        const [object] = claims.payload.loyaltyObjects
        expect(klass.id).toBe(link.class_id)
        expect(object.id).toBe(link.object_id)
        expect(klass.id).toMatch(WALLET_ID)
        expect(object.id).toMatch(WALLET_ID)
        expect(klass.id.startsWith(`${ISSUER}.`)).toBe(true)
        expect(object.id).toBe(`${ISSUER}.rewardflow-${shopper.account.id}`)

        expect(klass).toMatchObject({
          issuerName: "Rewards",
          programName: "Rewards",
          programLogo: { sourceUri: { uri: `${fake.url}/logo.png` } },
          hexBackgroundColor: "#1f3a5f",
          reviewStatus: "UNDER_REVIEW",
        })
        const languages = (s: any) => [s.defaultValue.language, ...s.translatedValues.map((t: any) => t.language)].sort()
        expect(languages(klass.localizedProgramName)).toEqual(["de", "en", "fr", "lb"])
        expect(languages(klass.localizedAccountNameLabel)).toEqual(["de", "en", "fr", "lb"])
        expect(klass.localizedAccountNameLabel.translatedValues).toEqual(expect.arrayContaining([{ language: "de", value: "Mitglied" }]))

        expect(object).toMatchObject({
          classId: klass.id,
          state: "ACTIVE",
          accountId: shopper.account.card_number,
          accountName: "Lea Muller",
          loyaltyPoints: { label: "Points", balance: { int: 120 } },
          barcode: { type: "QR_CODE", value: shopper.account.card_number, alternateText: shopper.account.card_number_formatted },
        })
        // The shopper chose French: the pass speaks French by default, with the other languages translated.
        expect(object.textModulesData[0]).toMatchObject({ header: "Vos points", body: "Vous avez 120 points." })
        expect(object.textModulesData[0].localizedBody.translatedValues).toEqual(
          expect.arrayContaining([{ language: "lb", value: "Dir hutt 120 Punkten." }])
        )
      })

      it("is refused with a clear message to a non-member and when Wallet is not configured", async () => {
        const guest = await registerCustomer(api as any, store.publishable_key, {
          email: `not-member-${Date.now()}@rewardflow.test`,
          password: "s3cret-pass",
        })
        let res = await failure(api.get("/store/loyalty/me/wallet/google", { headers: guest.headers }))
        expect(res.status).toBe(404)
        expect(res.data.message).toMatch(/not a member of the loyalty program/)

        const shopper = await member()
        delete process.env.REWARDFLOW_GOOGLE_WALLET_ISSUER_ID
        res = await failure(api.get("/store/loyalty/me/wallet/google", { headers: shopper.headers }))
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(/not configured Google Wallet/)
        expect(await passOf(shopper.account.id)).toBeUndefined()
      })
    })

    describe("live balance", () => {
      it("a purchase updates the pass balance on Google's side", async () => {
        const shopper = await member()
        const link = await saveLink(shopper.headers)
        expect(fake.objects.has(link.object_id)).toBe(false)

        const order = () =>
          andWait("loyalty.points_earned", () =>
            placeOrder(api as any, shopper.headers, store, { items: [{ variant_id: store.variants[0].id, quantity: 1 }] })
          )
        await order()
        const afterFirst = await balanceOf(shopper.headers)
        expect(afterFirst).toBeGreaterThan(0)
        // Google had no object yet (the shopper has not saved the pass): it is created silently.
        expect(fake.objects.get(link.object_id).loyaltyPoints.balance).toEqual({ int: afterFirst })
        expect(fake.objects.get(link.object_id).barcode.value).toBe(shopper.account.card_number)

        await order()
        const afterSecond = await balanceOf(shopper.headers)
        expect(afterSecond).toBeGreaterThan(afterFirst)
        expect(fake.objects.get(link.object_id).loyaltyPoints.balance).toEqual({ int: afterSecond })
        const writes = fake.requestsFor(link.object_id).filter((r) => r.method !== "GET")
        expect(writes.map((r) => [r.method, r.body.loyaltyPoints.balance.int, r.body.notifyPreference ?? null])).toEqual([
          ["PATCH", afterFirst, "NOTIFY_ON_UPDATE"],
          ["POST", afterFirst, null],
          ["PATCH", afterSecond, "NOTIFY_ON_UPDATE"],
        ])
        const pass = await passOf(shopper.account.id)
        expect(pass).toMatchObject({ synced_balance: afterSecond, out_of_date: false, attempts: 0 })
        // Extensions read the sync state through query.graph like any other entity.
        const { data: graph } = await getContainer()
          .resolve(ContainerRegistrationKeys.QUERY)
          .graph({ entity: "loyalty_wallet_pass", fields: ["id", "account_id", "synced_balance", "out_of_date"], filters: { account_id: shopper.account.id } })
        expect(graph).toEqual([{ id: pass.id, account_id: shopper.account.id, synced_balance: afterSecond, out_of_date: false }])
      })

      it("asks Google to notify at most 3 updates per pass in 24 hours; later updates go silently", async () => {
        const shopper = await member()
        const link = await saveLink(shopper.headers)
        await adjust(shopper.account.id, 10) // creates the object
        for (const points of [5, 5, 5, 5, 5]) await adjust(shopper.account.id, points)
        const patches = fake.requestsFor(link.object_id).filter((r) => r.method === "PATCH").slice(1)
        expect(patches.map((r) => [r.body.loyaltyPoints.balance.int, r.body.notifyPreference ?? null])).toEqual([
          [15, "NOTIFY_ON_UPDATE"],
          [20, "NOTIFY_ON_UPDATE"],
          [25, "NOTIFY_ON_UPDATE"],
          [30, null],
          [35, null],
        ])
        expect(fake.objects.get(link.object_id).loyaltyPoints.balance).toEqual({ int: 35 })
        expect(fake.objects.get(link.object_id)).not.toHaveProperty("notifyPreference")
      })

      it("Wallet down: points are still recorded, the pass is out of date, and the retry job syncs it once to the latest balance", async () => {
        const shopper = await member()
        const link = await saveLink(shopper.headers)
        await adjust(shopper.account.id, 10)
        expect(fake.objects.get(link.object_id).loyaltyPoints.balance).toEqual({ int: 10 })

        fake.down = true
        await andWait("loyalty.points_earned", () =>
          placeOrder(api as any, shopper.headers, store, { items: [{ variant_id: store.variants[1].id, quantity: 1 }] })
        )
        const afterOrder = await balanceOf(shopper.headers)
        expect(afterOrder).toBeGreaterThan(10)
        let pass = await passOf(shopper.account.id)
        expect(pass).toMatchObject({ out_of_date: true, attempts: 1, synced_balance: 10 })
        expect(pass.last_error).toContain("answered 503 UNAVAILABLE: The service is currently unavailable.")
        expect(new Date(pass.next_attempt_at).getTime()).toBeGreaterThan(Date.now())

        await adjust(shopper.account.id, 7)
        const latest = await balanceOf(shopper.headers)
        expect(latest).toBe(afterOrder + 7)
        pass = await passOf(shopper.account.id)
        expect(pass).toMatchObject({ out_of_date: true, attempts: 2 })

        // Google is back, but the backoff has not elapsed: the job leaves the pass alone.
        fake.down = false
        const before = fake.requestsFor(link.object_id).length
        expect(await retryWalletPasses(getContainer())).toEqual({ synced: 0, failed: 0, skipped: 0 })
        expect(fake.requestsFor(link.object_id)).toHaveLength(before)

        // Time passes: the pass is due.
        await wallet().updateLoyaltyWalletPasses({ id: pass.id, next_attempt_at: new Date(Date.now() - 1000) })
        expect(await retryWalletPasses(getContainer())).toEqual({ synced: 1, failed: 0, skipped: 0 })
        const sent = fake.requestsFor(link.object_id).slice(before)
        expect(sent.map((r) => [r.method, r.body?.loyaltyPoints?.balance?.int])).toEqual([["PATCH", latest]])
        expect(fake.objects.get(link.object_id).loyaltyPoints.balance).toEqual({ int: latest })
        expect(await passOf(shopper.account.id)).toMatchObject({
          out_of_date: false,
          attempts: 0,
          synced_balance: latest,
          last_error: null,
        })
        expect(await retryWalletPasses(getContainer())).toEqual({ synced: 0, failed: 0, skipped: 0 })
      })

      it("the admin's account view shows the pass: not issued, synced after the save link, out of date with Google's error", async () => {
        const shopper = await member()
        const passInAdmin = async () => {
          const { data } = await api.get(`/admin/loyalty/accounts/${shopper.account.id}`, admin)
          expect(data.account.id).toBe(shopper.account.id)
          return data.wallet_pass
        }
        expect(await passInAdmin()).toEqual({
          issued: false,
          object_id: null,
          class_id: null,
          synced_balance: null,
          out_of_date: false,
          last_error: null,
          last_synced_at: null,
          attempts: 0,
          next_attempt_at: null,
        })

        const link = await saveLink(shopper.headers)
        // Issued with the balance the saved pass shows (it is in the JWT); nothing sent to Google yet.
        expect(await passInAdmin()).toMatchObject({ issued: true, object_id: link.object_id, class_id: link.class_id, synced_balance: 0, out_of_date: false, last_synced_at: null })
        await adjust(shopper.account.id, 10)
        let pass = await passInAdmin()
        expect(pass).toMatchObject({ issued: true, synced_balance: 10, out_of_date: false, last_error: null, attempts: 0, next_attempt_at: null })
        expect(fake.objects.get(link.object_id).loyaltyPoints.balance).toEqual({ int: 10 })
        const stored = await passOf(shopper.account.id)
        expect(new Date(pass.last_synced_at).toISOString()).toBe(new Date(stored.last_synced_at!).toISOString())

        fake.down = true
        await adjust(shopper.account.id, 5)
        pass = await passInAdmin()
        expect(pass).toMatchObject({ issued: true, synced_balance: 10, out_of_date: true, attempts: 1 })
        expect(pass.last_error).toContain("answered 503 UNAVAILABLE: The service is currently unavailable.")
        const failed = await passOf(shopper.account.id)
        expect(pass.last_error).toBe(failed.last_error)
        expect(new Date(pass.next_attempt_at).toISOString()).toBe(new Date(failed.next_attempt_at!).toISOString())
        expect(new Date(pass.next_attempt_at).getTime()).toBeGreaterThan(new Date(pass.last_synced_at).getTime())
        expect(JSON.stringify(pass)).not.toMatch(/PRIVATE KEY|payload_hash|notifications/)
      })

      it("unreadable saved settings mark the pass out of date instead of losing the update; fixed, the job syncs it", async () => {
        const shopper = await member()
        const link = await saveLink(shopper.headers)
        await adjust(shopper.account.id, 10)
        await saveSettings({ service_account_json: goodJson })
        // The saved key no longer opens (as after a change of encryption key).
        const knex = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
        await knex.raw(
          `update loyalty_wallet_settings set overrides = jsonb_set(overrides, '{service_account_json}', '"v1.AAAA.BBBB.CCCC"')`
        )
        await adjust(shopper.account.id, 5)
        let pass = await passOf(shopper.account.id)
        expect(pass).toMatchObject({ out_of_date: true, attempts: 1, synced_balance: 10 })
        expect(pass.last_error).toContain("Google Wallet settings cannot be read")
        expect(await balanceOf(shopper.headers)).toBe(15)

        await saveSettings({ service_account_json: null })
        await wallet().updateLoyaltyWalletPasses({ id: pass.id, next_attempt_at: new Date(Date.now() - 1000) })
        expect(await retryWalletPasses(getContainer())).toEqual({ synced: 1, failed: 0, skipped: 0 })
        expect(fake.objects.get(link.object_id).loyaltyPoints.balance).toEqual({ int: 15 })
        pass = await passOf(shopper.account.id)
        expect(pass).toMatchObject({ out_of_date: false, synced_balance: 15 })
      })
    })
  },
})
