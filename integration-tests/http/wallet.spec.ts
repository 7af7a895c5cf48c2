import { generateKeyPairSync, randomBytes, verify, type KeyObject } from "node:crypto"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { LOYALTY_WALLET_MODULE } from "../../src/modules/loyalty-wallet"
import { SAVE_URL_MAX_LENGTH } from "../../src/modules/loyalty-wallet/lib/save-jwt"
import { walletPassLockKey } from "../../src/modules/loyalty-wallet/lib/sync-policy"
import { GoogleWalletApi } from "../../src/modules/loyalty-wallet/lib/wallet-api"
import type LoyaltyWalletModuleService from "../../src/modules/loyalty-wallet/service"
import { LOYALTY_MODULE } from "../../src/modules/loyalty"
import type LoyaltyModuleService from "../../src/modules/loyalty/service"
import expireLoyaltyPoints from "../../src/jobs/expire-points"
import { syncWalletPassWorkflow } from "../../src/workflows/loyalty-wallet/workflows/sync-wallet-pass"
import retryWalletPasses from "../../src/jobs/retry-wallet-passes"
import { adminHeaders, checkoutCart, failure, placeOrder, prepareCart, registerCustomer, seedStore, subscribersDone, type StoreFixture } from "../fixtures"
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

/** 40 characters from the middle of the base64 body of the key in a service account JSON. */
function keyBodyPiece(json: string) {
  const body = JSON.parse(json).private_key.replace(/-----[A-Z ]+-----/g, "").replace(/\s+/g, "")
  return body.slice(400, 440)
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
    /** A piece of the private key's body: no answer, stored value or message may contain it. */
    const keyPiece = keyBodyPiece(goodJson)
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
      const done = subscribersDone(event, eventBus())
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
        expect(view.admin_editable).not.toContain("key_file")
        expect(JSON.stringify(view)).not.toContain("PRIVATE KEY")
        expect(JSON.stringify(view)).not.toContain(keyPiece)

        const otherKey = serviceAccountJson(keys.privateKey)
        view = await saveSettings({ environment: "production", issuer_name: "RewardFlow Lëtzebuerg", service_account_json: otherKey })
        expect(view.environment).toBe("production")
        expect(view.settings.environment).toEqual({ value: "production", source: "database", is_set: true })
        expect(view.settings.issuer_name.source).toBe("database")
        expect(view.settings.service_account_json).toEqual({ value: null, source: "database", secret: true, is_set: true })
        expect(JSON.stringify(view)).not.toContain("PRIVATE KEY")
        expect(JSON.stringify(view)).not.toContain(keyBodyPiece(otherKey))
        const stored = await wallet().getStoredOverrides()
        expect(JSON.stringify(stored)).not.toContain("PRIVATE KEY")
        expect(JSON.stringify(stored)).not.toContain(keyBodyPiece(otherKey))
        expect(stored.environment).toBe("production")
        // Executions of the settings workflow are kept; the route sealed the key before it ran.
        const executions = await getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)("workflow_execution").where({ workflow_id: "update-wallet-settings" }).select("execution", "context")
        expect(executions.length).toBeGreaterThan(0)
        expect(JSON.stringify(executions)).not.toContain("PRIVATE KEY")
        expect(JSON.stringify(executions)).not.toContain(keyBodyPiece(otherKey))

        // The server's public URL (tier bands on passes) is saved like the others.
        view = await saveSettings({ public_url: "https://shop.rewardflow.test/backend/" })
        expect(view.settings.public_url).toEqual({ value: "https://shop.rewardflow.test/backend", source: "database", is_set: true })

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
          [{ public_url: "shop.example" }, /public_url must be an http\(s\) URL/],
          [{ api_base_url: "https://evil.example" }, /api_base_url/],
          // A path on the server is for the options or env only: the admin could name any file.
          [{ key_file: "/etc/passwd" }, /key_file cannot be set from the admin: set the plugin option googleWallet.keyFile or REWARDFLOW_GOOGLE_WALLET_KEY_FILE/],
          [{ key_file: null }, /key_file cannot be set from the admin/],
        ]
        for (const [body, message] of cases) {
          const res = await failure(api.post("/admin/loyalty/wallet/settings", body, admin))
          expect(res.status).toBe(400)
          expect(res.data.message).toMatch(message)
        }
        expect(await wallet().getStoredOverrides()).toEqual(before)
      })

      it("a key that is not JSON is refused by position, never echoing the key", async () => {
        // Broken right after the key: JSON.parse's own message would quote the text around it.
        const broken = goodJson.replace(/"private_key":"((?:[^"\\]|\\.)*)"/, '"private_key":"$1" "oops"')
        expect(broken).not.toBe(goodJson)
        const res = await failure(api.post("/admin/loyalty/wallet/settings", { service_account_json: broken }, admin))
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(/service_account_json is not valid JSON \(syntax error at position \d+\)/)
        expect(JSON.stringify(res.data)).not.toContain(keyPiece)

        process.env.REWARDFLOW_GOOGLE_WALLET_SERVICE_ACCOUNT_JSON = broken
        const checks = await validate()
        expect(checks.service_account.message).toMatch(/^service_account_json is not valid JSON \(syntax error at position \d+\)$/)
        expect(JSON.stringify(checks)).not.toContain(keyPiece)
        expect(JSON.stringify(await settings())).not.toContain(keyPiece)
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
      it("is a short save URL whose JWT verifies and names the pass, written beforehand through the REST API", async () => {
        const shopper = await member()
        await adjust(shopper.account.id, 120)
        const link = await saveLink(shopper.headers)
        expect(link.jwt).toBe("skinny")
        // Google: a JWT in a URL should stay under about 1,800 characters.
        expect(link.url.length).toBeLessThan(SAVE_URL_MAX_LENGTH)
        expect(link.url.startsWith("https://pay.google.com/gp/v/save/")).toBe(true)
        const token = link.url.slice("https://pay.google.com/gp/v/save/".length)
        const jwt = decodeJwt(token)
        expect(jwt.header.alg).toBe("RS256")
        expect(verify("RSA-SHA256", Buffer.from(jwt.signingInput), keys.publicKey, jwt.signature)).toBe(true)
        expect(verify("RSA-SHA256", Buffer.from(jwt.signingInput), wrongKeys.publicKey, jwt.signature)).toBe(false)
        const { claims } = jwt
        expect(claims).toMatchObject({ iss: CLIENT_EMAIL, aud: "google", typ: "savetowallet", origins: [ORIGIN, "https://www.rewardflow.test"] })
        expect(Number.isInteger(claims.iat)).toBe(true)
        // Skinny: the object only by id and class, no class.
        expect(claims.payload).toEqual({ loyaltyObjects: [{ id: link.object_id, classId: link.class_id }] })
        expect(link.class_id).toMatch(WALLET_ID)
        expect(link.object_id).toMatch(WALLET_ID)
        expect(link.class_id.startsWith(`${ISSUER}.`)).toBe(true)
        expect(link.object_id).toBe(`${ISSUER}.rewardflow-${shopper.account.id}`)

        // The class and the object were on Google before the link was returned.
        const klass = fake.classes.get(link.class_id)
        const object = fake.objects.get(link.object_id)
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
          classId: link.class_id,
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
        // Google accepts the link: the object it names exists.
        expect(fake.saveFromJwt(token)).toEqual({ saved: [link.object_id] })
        expect(await passOf(shopper.account.id)).toMatchObject({ synced_balance: 120, out_of_date: false, attempts: 0 })

        // Asked again: the pass is already on Google, the same short link is signed without a write.
        const writes = fake.requestsFor(link.object_id).length
        const again = await saveLink(shopper.headers)
        expect(again.jwt).toBe("skinny")
        expect(decodeJwt(again.url.slice(again.url.lastIndexOf("/") + 1)).claims.payload).toEqual(claims.payload)
        expect(fake.requestsFor(link.object_id)).toHaveLength(writes)
      })

      it("Wallet down: the link carries the whole pass (still signed and verified); the pass is out of date and the job writes it", async () => {
        const shopper = await member()
        await adjust(shopper.account.id, 30)
        fake.down = true
        const link = await saveLink(shopper.headers)
        expect(link.jwt).toBe("full")
        const token = link.url.slice("https://pay.google.com/gp/v/save/".length)
        const jwt = decodeJwt(token)
        expect(jwt.header.alg).toBe("RS256")
        expect(verify("RSA-SHA256", Buffer.from(jwt.signingInput), keys.publicKey, jwt.signature)).toBe(true)
        expect(jwt.claims).toMatchObject({ iss: CLIENT_EMAIL, aud: "google", typ: "savetowallet", origins: [ORIGIN, "https://www.rewardflow.test"] })
        const [klass] = jwt.claims.payload.loyaltyClasses
        const [object] = jwt.claims.payload.loyaltyObjects
        expect(klass).toMatchObject({ id: link.class_id, programName: "Rewards", reviewStatus: "UNDER_REVIEW" })
        expect(object).toMatchObject({ id: link.object_id, classId: link.class_id, state: "ACTIVE", loyaltyPoints: { balance: { int: 30 } } })
        expect(fake.objects.has(link.object_id)).toBe(false)
        const pass = await passOf(shopper.account.id)
        expect(pass).toMatchObject({ out_of_date: true, attempts: 1 })
        expect(pass.last_error).toContain("503 UNAVAILABLE")

        // Google's save page works while its REST API is down: the shopper saves the whole pass.
        fake.down = false
        expect(fake.saveFromJwt(token)).toEqual({ saved: [link.object_id] })
        await wallet().updateLoyaltyWalletPasses({ id: pass.id, next_attempt_at: new Date(Date.now() - 1000) })
        expect(await retryWalletPasses(getContainer())).toEqual({ synced: 1, failed: 0, skipped: 0, not_tried: 0 })
        // The job's insert meets the saved object (409 ALREADY_EXISTS) and patches it instead.
        const writes = fake.requestsFor(link.object_id).filter((r) => r.method !== "GET")
        expect(writes.map((r) => r.method)).toEqual(["POST", "PATCH"])
        expect(await passOf(shopper.account.id)).toMatchObject({ out_of_date: false, attempts: 0, synced_balance: 30 })
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
        // Written with the link, before any purchase.
        expect(fake.objects.get(link.object_id).loyaltyPoints.balance).toEqual({ int: 0 })

        const order = () =>
          andWait("loyalty.points_earned", () =>
            placeOrder(api as any, shopper.headers, store, { items: [{ variant_id: store.variants[0].id, quantity: 1 }] })
          )
        await order()
        const afterFirst = await balanceOf(shopper.headers)
        expect(afterFirst).toBeGreaterThan(0)
        expect(fake.objects.get(link.object_id).loyaltyPoints.balance).toEqual({ int: afterFirst })
        expect(fake.objects.get(link.object_id).barcode.value).toBe(shopper.account.card_number)

        await order()
        const afterSecond = await balanceOf(shopper.headers)
        expect(afterSecond).toBeGreaterThan(afterFirst)
        expect(fake.objects.get(link.object_id).loyaltyPoints.balance).toEqual({ int: afterSecond })
        const writes = fake.requestsFor(link.object_id).filter((r) => r.method !== "GET")
        // The link inserted the object silently; each purchase patches it and notifies the holder.
        expect(writes.map((r) => [r.method, r.body.loyaltyPoints.balance.int, r.body.notifyPreference ?? null])).toEqual([
          ["POST", 0, null],
          ["PATCH", afterFirst, "NOTIFY_ON_UPDATE"],
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
        const link = await saveLink(shopper.headers) // creates the object
        for (const points of [10, 5, 5, 5, 5, 5]) await adjust(shopper.account.id, points)
        const patches = fake.requestsFor(link.object_id).filter((r) => r.method === "PATCH")
        expect(patches.map((r) => [r.body.loyaltyPoints.balance.int, r.body.notifyPreference ?? null])).toEqual([
          [10, "NOTIFY_ON_UPDATE"],
          [15, "NOTIFY_ON_UPDATE"],
          [20, "NOTIFY_ON_UPDATE"],
          [25, null],
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
        expect(new Date(pass.next_attempt_at!).getTime()).toBeGreaterThan(Date.now())

        await adjust(shopper.account.id, 7)
        const latest = await balanceOf(shopper.headers)
        expect(latest).toBe(afterOrder + 7)
        pass = await passOf(shopper.account.id)
        expect(pass).toMatchObject({ out_of_date: true, attempts: 2 })

        // Google is back, but the backoff has not elapsed: the job leaves the pass alone.
        fake.down = false
        const before = fake.requestsFor(link.object_id).length
        expect(await retryWalletPasses(getContainer())).toEqual({ synced: 0, failed: 0, skipped: 0, not_tried: 0 })
        expect(fake.requestsFor(link.object_id)).toHaveLength(before)

        // Time passes: the pass is due.
        await wallet().updateLoyaltyWalletPasses({ id: pass.id, next_attempt_at: new Date(Date.now() - 1000) })
        expect(await retryWalletPasses(getContainer())).toEqual({ synced: 1, failed: 0, skipped: 0, not_tried: 0 })
        const sent = fake.requestsFor(link.object_id).slice(before)
        expect(sent.map((r) => [r.method, r.body?.loyaltyPoints?.balance?.int])).toEqual([["PATCH", latest]])
        expect(fake.objects.get(link.object_id).loyaltyPoints.balance).toEqual({ int: latest })
        expect(await passOf(shopper.account.id)).toMatchObject({
          out_of_date: false,
          attempts: 0,
          synced_balance: latest,
          last_error: null,
        })
        expect(await retryWalletPasses(getContainer())).toEqual({ synced: 0, failed: 0, skipped: 0, not_tried: 0 })
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
        // Issued and written to Google with the link.
        expect(await passInAdmin()).toMatchObject({ issued: true, object_id: link.object_id, class_id: link.class_id, synced_balance: 0, out_of_date: false })
        expect(new Date((await passInAdmin()).last_synced_at).getTime()).toBeGreaterThan(0)
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

        // Back up: the job brings it up to date (and leaves no due pass to later tests).
        fake.down = false
        await wallet().updateLoyaltyWalletPasses({ id: failed.id, next_attempt_at: new Date(Date.now() - 1000) })
        expect(await retryWalletPasses(getContainer())).toMatchObject({ synced: 1, failed: 0 })
        expect(await passInAdmin()).toMatchObject({ synced_balance: 15, out_of_date: false })
      })

      it("a saved key the encryption key cannot open: settings and Validate name it, the env key serves meanwhile; with no fallback the pass waits until the key is saved again", async () => {
        const shopper = await member()
        const link = await saveLink(shopper.headers)
        await adjust(shopper.account.id, 10)
        await saveSettings({ service_account_json: goodJson })
        // The saved key no longer opens (as after a change of encryption key).
        const knex = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
        await knex.raw(
          `update loyalty_wallet_settings set overrides = jsonb_set(overrides, '{service_account_json}', '"v1.AAAA.BBBB.CCCC"')`
        )
        const view = await settings()
        expect(view.settings.service_account_json).toMatchObject({ source: "database", fallback_source: "env", is_set: true, value: null })
        expect(view.settings.service_account_json.problem).toMatch(/cannot be decrypted with the current REWARDFLOW_ENCRYPTION_KEY/)
        expect(JSON.stringify(view)).not.toContain(keyPiece)
        const checks = await validate()
        expect(checks.service_account).toMatchObject({ ok: false, fix: expect.stringMatching(/again/) })
        expect(checks.service_account.message).toMatch(/cannot be decrypted.*meanwhile the key from .*env/i)
        expect(checks.token.ok).toBe(true)

        await adjust(shopper.account.id, 5)
        expect(fake.objects.get(link.object_id).loyaltyPoints.balance).toEqual({ int: 15 })

        // No fallback: the pass waits, out of date, and says why.
        delete process.env.REWARDFLOW_GOOGLE_WALLET_SERVICE_ACCOUNT_JSON
        await adjust(shopper.account.id, 5)
        let pass = await passOf(shopper.account.id)
        expect(pass).toMatchObject({ out_of_date: true, synced_balance: 15 })
        expect(pass.last_error).toMatch(/not configured .*cannot be decrypted/)
        expect(await balanceOf(shopper.headers)).toBe(20)

        await saveSettings({ service_account_json: goodJson })
        await makeDue(shopper.account.id)
        expect(await retryWalletPasses(getContainer())).toEqual({ synced: 1, failed: 0, skipped: 0, not_tried: 0 })
        expect(fake.objects.get(link.object_id).loyaltyPoints.balance).toEqual({ int: 20 })
        pass = await passOf(shopper.account.id)
        expect(pass).toMatchObject({ out_of_date: false, synced_balance: 20 })
      })
    })

    /** A member whose pass was issued (class and object on Google) with `points` on it. */
    async function memberWithPass(points = 0, name = "Lea") {
      const shopper = await member(name)
      if (points) await adjust(shopper.account.id, points)
      const link = await saveLink(shopper.headers)
      return { ...shopper, link }
    }
    const makeDue = async (accountId: string) =>
      wallet().updateLoyaltyWalletPasses({ id: (await passOf(accountId)).id, next_attempt_at: new Date(Date.now() - 1000) })
    const walletApi = () => GoogleWalletApi.create(JSON.parse(goodJson), { api_base_url: fake.apiBaseUrl, token_url: fake.tokenUrl })

    describe("Google's documented fields", () => {
      it("the fake Google refuses unknown names and enum values outside the documented lists, on insert and patch", async () => {
        const shopper = await memberWithPass(5)
        const api = walletApi()
        const object = fake.objects.get(shopper.link.object_id)
        const { kind: _kind, ...body } = object
        const refused = async (p: Promise<unknown>) => ((await p.then(() => null, (e) => e)) as Error | null)?.message
        // Unknown names, at the top and inside a documented type.
        expect(await refused(api.patch("loyaltyObject", body.id, { ...body, pointsBalance: 5 }))).toBe(
          `PATCH loyaltyObject/${body.id} answered 400 INVALID_ARGUMENT: Invalid JSON payload received. Unknown name "pointsBalance": Cannot find field.`
        )
        expect(await refused(api.patch("loyaltyObject", body.id, { ...body, barcode: { ...body.barcode, format: "qr" } }))).toMatch(
          /400 INVALID_ARGUMENT: Invalid JSON payload received\. Unknown name "format" at 'barcode': Cannot find field\.$/
        )
        expect(await refused(api.patch("loyaltyObject", body.id, { ...body, loyaltyPoints: { ...body.loyaltyPoints, balance: { integer: 5 } } }))).toMatch(
          /Unknown name "integer" at 'loyalty_points\.balance'/
        )
        expect(await refused(api.patch("loyaltyObject", body.id, { ...body, textModulesData: [{ ...body.textModulesData[0], title: "x" }] }))).toMatch(
          /Unknown name "title" at 'text_modules_data\[0\]'/
        )
        // Enum values.
        for (const [patch, enumName] of [
          [{ state: "BLOCKED" }, "State"],
          [{ barcode: { ...body.barcode, type: "QR" } }, "BarcodeType"],
          [{ notifyPreference: "NOTIFY" }, "NotificationSettingsForUpdates"],
        ] as const) {
          expect(await refused(api.patch("loyaltyObject", body.id, { ...body, ...patch }))).toMatch(
            new RegExp(`400 INVALID_ARGUMENT: Invalid value at '.+' \\(type\\.googleapis\\.com/google\\.walletobjects\\.v1\\.${enumName}\\)`)
          )
        }
        const klass = fake.classes.get(shopper.link.class_id)
        const { kind: _k, ...classBody } = klass
        expect(await refused(api.insert("loyaltyClass", { ...classBody, id: `${ISSUER}.schema-check`, reviewStatus: "IN_REVIEW" }))).toMatch(
          /Invalid value at 'loyalty_class\.review_status' \(type\.googleapis\.com\/google\.walletobjects\.v1\.ReviewStatus\)/
        )
        expect(await refused(api.insert("loyaltyClass", { ...classBody, id: `${ISSUER}.schema-check`, programLogo: { uri: "x" } }))).toMatch(
          /Unknown name "uri" at 'program_logo'/
        )
        expect(fake.classes.has(`${ISSUER}.schema-check`)).toBe(false)
        // The plugin's own payloads pass (each test writing a pass depends on it).
        expect(await refused(api.patch("loyaltyObject", body.id, body))).toBeUndefined()
      })
    })

    describe("sync robustness", () => {
      it("two accounts synced at once on a fresh class both get their pass: the second class insert's 409 becomes a patch", async () => {
        const a = await memberWithPass(10, "Ana")
        const b = await memberWithPass(20, "Ben")
        const classId = a.link.class_id
        // The class as if never written: not on Google, not recorded.
        fake.classes.delete(classId)
        const rows = await wallet().listLoyaltyWalletClasses({ class_id: classId })
        await wallet().deleteLoyaltyWalletClasses(rows.map((r) => r.id))
        const since = fake.requests.length
        // Both inserts reach Google before either is answered.
        fake.meetAt("POST loyaltyClass", 2)
        const run = (accountId: string) => syncWalletPassWorkflow(getContainer()).run({ input: { account_id: accountId, trigger: "test" } })
        const [ra, rb] = await Promise.all([run(a.account.id), run(b.account.id)])
        expect([ra.result.status, rb.result.status]).toEqual(["synced", "synced"])
        const classWrites = fake.requests.slice(since).filter((r) => r.kind === "loyaltyClass" && r.method !== "GET")
        expect(classWrites.map((r) => r.method)).toEqual(["POST", "POST", "PATCH"])
        expect(fake.classes.get(classId)).toMatchObject({ programName: "Rewards" })
        for (const m of [a, b]) expect(await passOf(m.account.id)).toMatchObject({ out_of_date: false, attempts: 0, last_error: null })
        expect(await wallet().listLoyaltyWalletClasses({ class_id: classId })).toHaveLength(1)
      })

      it("a sync that fails outside the Wallet calls leaves the pass out of date, and the job syncs it", async () => {
        const shopper = await memberWithPass(10)
        const knex = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
        // The database refuses the sync's read of the class row (as in an outage), after the points were written.
        await knex.raw("alter table loyalty_wallet_class rename to loyalty_wallet_class_away")
        try {
          await adjust(shopper.account.id, 5)
        } finally {
          await knex.raw("alter table loyalty_wallet_class_away rename to loyalty_wallet_class")
        }
        expect(await balanceOf(shopper.headers)).toBe(15)
        const pass = await passOf(shopper.account.id)
        expect(pass).toMatchObject({ out_of_date: true, attempts: 1, synced_balance: 10 })
        expect(pass.last_error).toContain("loyalty_wallet_class")
        expect(new Date(pass.next_attempt_at!).getTime()).toBeGreaterThan(Date.now())
        expect(fake.objects.get(shopper.link.object_id).loyaltyPoints.balance).toEqual({ int: 10 })

        await makeDue(shopper.account.id)
        expect(await retryWalletPasses(getContainer())).toEqual({ synced: 1, failed: 0, skipped: 0, not_tried: 0 })
        expect(fake.objects.get(shopper.link.object_id).loyaltyPoints.balance).toEqual({ int: 15 })
        expect(await passOf(shopper.account.id)).toMatchObject({ out_of_date: false, synced_balance: 15 })
      })

      it("a sync that cannot get the pass's lock is not lost: the pass stays out of date and a later run syncs it", async () => {
        const shopper = await memberWithPass(10)
        fake.down = true
        await adjust(shopper.account.id, 5)
        fake.down = false
        expect(await passOf(shopper.account.id)).toMatchObject({ out_of_date: true, attempts: 1 })

        const locking = getContainer().resolve(Modules.LOCKING)
        const key = walletPassLockKey(shopper.account.id)
        await locking.acquire(key, { ownerId: "another-sync", expire: 60 })
        try {
          await makeDue(shopper.account.id)
          expect(await retryWalletPasses(getContainer())).toEqual({ synced: 0, failed: 1, skipped: 0, not_tried: 0 })
        } finally {
          await locking.release(key, { ownerId: "another-sync" })
        }
        const pass = await passOf(shopper.account.id)
        expect(pass).toMatchObject({ out_of_date: true, attempts: 2, synced_balance: 10 })
        expect(pass.last_error).toMatch(/^the sync did not complete: /)
        expect(new Date(pass.next_attempt_at!).getTime()).toBeGreaterThan(Date.now())

        await makeDue(shopper.account.id)
        expect(await retryWalletPasses(getContainer())).toEqual({ synced: 1, failed: 0, skipped: 0, not_tried: 0 })
        expect(fake.objects.get(shopper.link.object_id).loyaltyPoints.balance).toEqual({ int: 15 })
      })

      it("a pass skipped because Wallet is not configured is retried after a backoff, not on every run; configured again, it syncs", async () => {
        const shopper = await memberWithPass(10)
        fake.down = true
        await adjust(shopper.account.id, 5)
        fake.down = false
        delete process.env.REWARDFLOW_GOOGLE_WALLET_ISSUER_ID
        await makeDue(shopper.account.id)
        expect(await retryWalletPasses(getContainer())).toEqual({ synced: 0, failed: 0, skipped: 1, not_tried: 0 })
        let pass = await passOf(shopper.account.id)
        expect(pass).toMatchObject({ out_of_date: true, attempts: 2 })
        expect(pass.last_error).toMatch(/Google Wallet is not configured \(missing issuer_id\)/)
        expect(new Date(pass.next_attempt_at!).getTime()).toBeGreaterThan(Date.now())
        // The next run has nothing due.
        expect(await retryWalletPasses(getContainer())).toEqual({ synced: 0, failed: 0, skipped: 0, not_tried: 0 })

        process.env.REWARDFLOW_GOOGLE_WALLET_ISSUER_ID = ISSUER
        await makeDue(shopper.account.id)
        expect(await retryWalletPasses(getContainer())).toEqual({ synced: 1, failed: 0, skipped: 0, not_tried: 0 })
        pass = await passOf(shopper.account.id)
        expect(pass).toMatchObject({ out_of_date: false, synced_balance: 15 })
      })

      it("a job run stops at the first pass Google cannot be reached for; the others stay due for the next run", async () => {
        const a = await memberWithPass(10, "Ana")
        const b = await memberWithPass(10, "Ben")
        fake.down = true
        await adjust(a.account.id, 1)
        await adjust(b.account.id, 2)
        await makeDue(a.account.id)
        await makeDue(b.account.id)
        const tokenCalls = fake.tokenRequests.length
        expect(await retryWalletPasses(getContainer())).toEqual({ synced: 0, failed: 1, skipped: 0, not_tried: 1 })
        const [pa, pb] = [await passOf(a.account.id), await passOf(b.account.id)]
        // One pass was tried (attempts 2, backoff), the other was left as it was, still due.
        expect([pa.attempts, pb.attempts].sort()).toEqual([1, 2])
        const untried = pa.attempts === 1 ? pa : pb
        expect(new Date(untried.next_attempt_at!).getTime()).toBeLessThan(Date.now())
        expect(fake.tokenRequests.length).toBe(tokenCalls)

        fake.down = false
        await makeDue(a.account.id)
        await makeDue(b.account.id)
        expect(await retryWalletPasses(getContainer())).toEqual({ synced: 2, failed: 0, skipped: 0, not_tried: 0 })
        expect(fake.objects.get(a.link.object_id).loyaltyPoints.balance).toEqual({ int: 11 })
        expect(fake.objects.get(b.link.object_id).loyaltyPoints.balance).toEqual({ int: 12 })
      })
    })

    describe("what reaches the pass", () => {
      it("cart activity (reserve, release) updates the balance without using up the 3 daily notifications", async () => {
        const reward = (
          await api.post("/admin/loyalty/rewards", { name: { en: "5 EUR off" }, points_cost: 100, type: "fixed_amount", amounts: { eur: 5 } }, admin)
        ).data.reward
        const shopper = await memberWithPass()
        await adjust(shopper.account.id, 150)
        const headers = { ...shopper.headers, "x-publishable-api-key": store.publishable_key }
        const { data: cart } = await api.post("/store/carts", { region_id: store.region_id, sales_channel_id: store.sales_channel_id }, { headers })
        await api.post(`/store/carts/${cart.cart.id}/line-items`, { variant_id: store.variants[2].id, quantity: 1 }, { headers })
        const applied = await andWait("loyalty.points_reserved", () =>
          api.post(`/store/carts/${cart.cart.id}/loyalty/redemptions`, { reward_id: reward.id }, { headers })
        )
        const redemptionId = (applied as any).data.redemption.id
        expect(fake.objects.get(shopper.link.object_id).loyaltyPoints.balance).toEqual({ int: 50 })
        await andWait("loyalty.points_released", () =>
          (api as any).delete(`/store/carts/${cart.cart.id}/loyalty/redemptions/${redemptionId}`, { headers })
        )
        expect(fake.objects.get(shopper.link.object_id).loyaltyPoints.balance).toEqual({ int: 150 })
        await adjust(shopper.account.id, 5)
        await adjust(shopper.account.id, 5)

        const patches = fake.requestsFor(shopper.link.object_id).filter((r) => r.method === "PATCH")
        expect(patches.map((r) => [r.body.loyaltyPoints.balance.int, r.body.notifyPreference ?? null])).toEqual([
          [150, "NOTIFY_ON_UPDATE"],
          [50, null],
          [150, null],
          [155, "NOTIFY_ON_UPDATE"],
          [160, "NOTIFY_ON_UPDATE"],
        ])
        expect((await passOf(shopper.account.id)).notifications.sent_at).toHaveLength(3)
      })

      it("blocking an account turns its pass INACTIVE on Google; unblocking makes it ACTIVE again", async () => {
        const shopper = await memberWithPass(10)
        const setStatus = (status: string) =>
          andWait("loyalty.account_updated", () => api.post(`/admin/loyalty/accounts/${shopper.account.id}`, { status }, admin))
        await setStatus("blocked")
        expect(fake.objects.get(shopper.link.object_id)).toMatchObject({ state: "INACTIVE", loyaltyPoints: { balance: { int: 10 } } })
        expect(await passOf(shopper.account.id)).toMatchObject({ out_of_date: false })
        await setStatus("active")
        expect(fake.objects.get(shopper.link.object_id).state).toBe("ACTIVE")
        // A change of language reaches the pass too.
        await andWait("loyalty.account_updated", () => api.post(`/admin/loyalty/accounts/${shopper.account.id}`, { locale: "de" }, admin))
        expect(fake.objects.get(shopper.link.object_id).textModulesData[0]).toMatchObject({ header: "Ihre Punkte", body: "Sie haben 10 Punkte." })
      })

      it("renaming the program updates its class on Google", async () => {
        const shopper = await memberWithPass()
        const rename = (name: string) => andWait("loyalty.program_updated", () => api.post("/admin/loyalty/program", { name }, admin))
        await rename("Lëtzebuerger Rewards")
        try {
          const klass = fake.classes.get(shopper.link.class_id)
          expect(klass).toMatchObject({ programName: "Lëtzebuerger Rewards", issuerName: "Lëtzebuerger Rewards" })
          expect(klass.localizedProgramName.defaultValue.value).toBe("Lëtzebuerger Rewards")
          // Recorded: the next pass sync does not write the class again.
          const since = fake.requests.length
          await adjust(shopper.account.id, 3)
          expect(fake.requests.slice(since).map((r) => r.kind)).toEqual(["loyaltyObject"])
        } finally {
          await rename("Rewards")
        }
        expect(fake.classes.get(shopper.link.class_id).programName).toBe("Rewards")
      })

      /**
       * Each balance event, caused the way a shop causes it, brings the pass on Google to the
       * account's balance. Before the event the pass shows another balance, so only the sync run
       * for that event can make it right.
       */
      type Shopper = Awaited<ReturnType<typeof memberWithPass>>
      type Case = { event: string; act: (s: Shopper, h: Record<string, string>) => Promise<unknown>; prepare?: (s: Shopper, h: Record<string, string>) => Promise<unknown> }
      const reward = async () =>
        (await api.post("/admin/loyalty/rewards", { name: { en: "5 EUR off" }, points_cost: 100, type: "fixed_amount", amounts: { eur: 5 } }, admin)).data.reward
      const applyReward = async (h: Record<string, string>, cartId: string) => {
        const { id } = await reward()
        return (await api.post(`/store/carts/${cartId}/loyalty/redemptions`, { reward_id: id }, { headers: h })).data.redemption
      }
      const cartFor = (h: Record<string, string>) => prepareCart(api as any, h, store, { items: [{ variant_id: store.variants[2].id, quantity: 1 }] })
      let pending: { cart_id?: string; redemption_id?: string; order_id?: string } = {}
      const CASES: Case[] = [
        {
          event: "loyalty.points_reserved",
          act: async (_s, h) => applyReward(h, (await cartFor(h)).id),
        },
        {
          event: "loyalty.points_released",
          prepare: async (_s, h) => {
            const cart = await cartFor(h)
            pending = { cart_id: cart.id, redemption_id: (await andWait("loyalty.points_reserved", () => applyReward(h, cart.id)) as any).id }
          },
          act: (_s, h) => (api as any).delete(`/store/carts/${pending.cart_id}/loyalty/redemptions/${pending.redemption_id}`, { headers: h }),
        },
        {
          event: "loyalty.points_redeemed",
          prepare: async (_s, h) => {
            // The reservation does not reach Google (down), so the pass still shows the balance before it.
            const cart = await cartFor(h)
            fake.down = true
            await andWait("loyalty.points_reserved", () => applyReward(h, cart.id))
            fake.down = false
            // This order earns nothing (no rate for EUR): only the redemption changes the pass.
            await api.post("/admin/loyalty/program", { earn_rates: { usd: { points: 1, amount: 1 } } }, admin)
            pending = { cart_id: cart.id }
          },
          act: (_s, h) => checkoutCart(api as any, h, store, pending.cart_id!),
        },
        {
          event: "loyalty.points_reversed",
          prepare: async (_s, h) => {
            const order = await andWait("loyalty.points_earned", () =>
              placeOrder(api as any, h, store, { items: [{ variant_id: store.variants[0].id, quantity: 1 }] })
            )
            pending = { order_id: (order as any).id }
          },
          act: () => api.post(`/admin/orders/${pending.order_id}/cancel`, {}, admin),
        },
        {
          event: "loyalty.points_expired",
          prepare: async (s) => {
            await getContainer().resolve<LoyaltyModuleService>(LOYALTY_MODULE).creditPoints({
              account_id: s.account.id,
              type: "adjust",
              points: 30,
              source_type: "admin",
              idempotency_key: `wallet-expiring-${s.account.id}`,
              expires_at: new Date(Date.now() - 60_000),
              reason: "test",
            } as any)
            await adjust(s.account.id, 5) // the pass shows the 30 points about to expire
          },
          act: () => expireLoyaltyPoints(getContainer()),
        },
      ]

      it.each(CASES.map((c) => [c.event, c] as const))("%s updates the balance on Google", async (event, c) => {
        const shopper = await memberWithPass(150)
        const headers = { ...shopper.headers, "x-publishable-api-key": store.publishable_key }
        await c.prepare?.(shopper, headers)
        const shown = () => fake.objects.get(shopper.link.object_id).loyaltyPoints.balance.int
        const before = shown()
        await andWait(event, () => c.act(shopper, headers))
        const balance = await balanceOf(shopper.headers)
        expect(balance).not.toBe(before)
        expect(shown()).toBe(balance)
        expect(await passOf(shopper.account.id)).toMatchObject({ synced_balance: balance, out_of_date: false })
      })
    })
  },
})
