import { createHash } from "node:crypto"
import { join } from "node:path"
import { MigrationScriptsMigrator } from "@medusajs/framework/migrations"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { adminHeaders, bareCart, enrolledShopper, seedStore, type StoreFixture } from "../fixtures"
import { call } from "../fixtures/http"
import { recordFigures } from "./figures"
import { pluginRoutes, type Route } from "./routes"

jest.setTimeout(600_000)

/** Secrets the suite hands the plugin; none may come back in a response or show in a log line. */
const SECRETS = {
  smtp_password: "smtp-Pa55word-never-shown",
  sendgrid_key: "SG.access-matrix-key.never-shown-0123456789",
  cashier_pin: "482915",
  manager_pin: "730264",
}

type Answer = { status: number; data: any }
type Role = { name: string; applies: (r: Route) => boolean; headers: () => Record<string, string>; path?: (r: Route) => string | null; expect: (r: Route, a: Answer) => string | null }

/**
 * Who may reach which route: every route of the plugin, each tried as each role that must not
 * reach it (anonymous, another customer, a customer naming someone else's cart, a store route with
 * an admin token, an admin route with a customer's or a device's token, an admin user without the
 * template permission, a revoked device, a session whose PIN is locked, an expired session). Every
 * answer is a refusal (401, 403 or 404) and holds nothing of the other party. The responses and
 * every log line the server wrote are searched for the secrets the suite gave it.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: StoreFixture
    let admin: { headers: Record<string, string> }
    let staffAdmin: { headers: Record<string, string> }
    let shopperA: Awaited<ReturnType<typeof enrolledShopper>>
    let shopperB: Awaited<ReturnType<typeof enrolledShopper>>
    const ids: Record<string, string> = {}
    const tokens: Record<string, Record<string, string>> = {}
    const captured: string[] = []
    const bodies: string[] = []
    const figures = { requests: 0, routes: 0, roles: new Set<string>(), refusals: {} as Record<string, number> }
    const pg = () => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
    const writes = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) }

    beforeAll(async () => {
      // Every line the server logs from here on is kept (and still written).
      process.stdout.write = ((chunk: any, ...rest: any[]) => (captured.push(String(chunk)), writes.out(chunk, ...rest))) as any
      process.stderr.write = ((chunk: any, ...rest: any[]) => (captured.push(String(chunk)), writes.err(chunk, ...rest))) as any
      const container = getContainer()
      store = await seedStore(container)
      // The templates, seeded the way `medusa db:migrate` does it.
      const migrator = new MigrationScriptsMigrator({ container })
      await migrator.ensureMigrationsTable()
      await migrator.run([join(__dirname, "../../src/migration-scripts")])
      admin = await adminHeaders(container)
      staffAdmin = await adminHeaders(container, { email: "staff-no-templates@rewardflow.test", password: "staff-password-1" })
      const staffUser = (await call(api as any, "get", "/admin/users/me", staffAdmin.headers)).user
      await call(api as any, "post", `/admin/users/${staffUser.id}`, admin.headers, { metadata: { role: "staff" } })
      await call(api as any, "post", "/admin/loyalty/email/settings", admin.headers, { provider: "smtp", host: "127.0.0.1", port: 2525, user: "loyalty", password: SECRETS.smtp_password, from_address: "loyalty@rewardflow.test" })
      await call(api as any, "post", "/admin/loyalty/email/settings", admin.headers, { sendgrid_api_key: SECRETS.sendgrid_key })

      shopperA = await enrolledShopper(api, store, admin, 500, { prefix: "access-a" })
      shopperB = await enrolledShopper(api, store, admin, 500, { prefix: "access-b" })
      ids.cartA = await bareCart(api, store, shopperA.headers)
      ids.reward = (await call(api as any, "post", "/admin/loyalty/rewards", admin.headers, { name: { en: "Access" }, points_cost: 100, type: "fixed_amount", amounts: { eur: 5 } })).reward.id
      const applied = await call(api as any, "post", `/store/carts/${ids.cartA}/loyalty/redemptions`, shopperA.headers, { reward_id: ids.reward })
      ids.redemptionA = applied.redemption.id
      ids.promotionA = applied.redemption.promotion_code
      ids.accountA = shopperA.account_id
      ids.cardA = (await call(api as any, "get", `/admin/loyalty/accounts/${shopperA.account_id}`, admin.headers)).account.card_number
      ids.entryA = (await pg()("loyalty_ledger_entry").where({ account_id: shopperA.account_id }).first("id")).id
      ids.template = (await pg()("loyalty_email_template").first("id"))?.id ?? "letpl_none"

      const staff = async (name: string, pin: string) =>
        (await call(api as any, "post", "/admin/loyalty/terminal/staff", admin.headers, { name, role: "manager", stock_location_ids: [store.stock_location_id], pin })).staff
      const cashier = await staff("Access cashier", SECRETS.cashier_pin)
      const locked = await staff("Access locked", SECRETS.manager_pin)
      ids.staff = cashier.id
      const pair = async (name: string) => {
        const { pairing_code } = await call(api as any, "post", `/admin/loyalty/terminal/stores/${store.stock_location_id}/pairing-codes`, admin.headers)
        return await call(api as any, "post", "/terminal/pair", {}, { code: pairing_code.code, name })
      }
      const session = async (device: any, staffId: string, pin: string) =>
        (await call(api as any, "post", "/terminal/sessions", { authorization: `Bearer ${device.token}` }, { staff_id: staffId, pin })).token as string
      const live = await pair("Access till")
      const revoked = await pair("Revoked till")
      ids.device = live.device.id
      tokens.device = { authorization: `Bearer ${live.token}` }
      tokens.revoked = { authorization: `Bearer ${revoked.token}`, "x-terminal-session": await session(revoked, cashier.id, SECRETS.cashier_pin) }
      await call(api as any, "post", `/admin/loyalty/terminal/devices/${revoked.device.id}/revoke`, admin.headers, {})
      // A session whose staff member's PIN is then locked by wrong PINs.
      tokens.locked = { ...tokens.device, "x-terminal-session": await session(live, locked.id, SECRETS.manager_pin) }
      for (let i = 0; i < 6; i++) {
        await (api as any).post("/terminal/sessions", { staff_id: locked.id, pin: "000000" }, { headers: tokens.device, validateStatus: () => true })
      }
      // A session past its end (the one thing moved in the database: its expiry).
      const expired = await session(live, cashier.id, SECRETS.cashier_pin)
      await pg()("loyalty_terminal_session").where({ token_hash: createHash("sha256").update(expired).digest("hex") }).update({ expires_at: new Date(Date.now() - 60_000) })
      tokens.expired = { ...tokens.device, "x-terminal-session": expired }
      tokens.session = { ...tokens.device, "x-terminal-session": await session(live, cashier.id, SECRETS.cashier_pin) }
    })

    afterAll(() => {
      process.stdout.write = writes.out as any
      process.stderr.write = writes.err as any
      recordFigures("access", { requests: figures.requests, routes: figures.routes, roles: [...figures.roles].sort(), refusals: figures.refusals })
    })

    const REFUSED = [401, 403, 404]
    const refused = (a: Answer) => (REFUSED.includes(a.status) ? null : `answered ${a.status} ${JSON.stringify(a.data).slice(0, 300)}`)
    const isTemplateWrite = (r: Route) => r.method === "POST" && r.pattern === "/admin/loyalty/email/templates/[id]"
    const isSettingsWrite = (r: Route) => r.method === "POST" && r.pattern === "/admin/loyalty/email/settings"
    const PUBLIC = ["/rewardflow/wallet/tier-band/[file]", "/store/loyalty/preview", "/terminal/pair"]
    const tillRoute = (r: Route) => r.pattern.startsWith("/terminal") && !["/terminal/pair"].includes(r.pattern)
    const sessionRoute = (r: Route) => tillRoute(r) && !["/terminal/sessions", "/terminal/staff", "/terminal/offline-bundle", "/terminal/sync"].includes(r.pattern) && !r.pattern.endsWith("/failed-attempts")

    const ROLES: Role[] = [
      // Medusa answers a store route without a publishable key with 400 not_allowed: refused too.
      { name: "anonymous", applies: (r) => !PUBLIC.includes(r.pattern), headers: () => ({}), expect: (r, a) => (r.pattern.startsWith("/store") && a.status === 400 && a.data?.type === "not_allowed" ? null : refused(a)) },
      { name: "anonymous shopper (publishable key only)", applies: (r) => r.pattern.startsWith("/store") && !PUBLIC.includes(r.pattern), headers: () => ({ "x-publishable-api-key": store.publishable_key }), expect: (_r, a) => refused(a) },
      { name: "a customer on an admin route", applies: (r) => r.pattern.startsWith("/admin"), headers: () => shopperB.headers, expect: (_r, a) => refused(a) },
      { name: "a device on an admin route", applies: (r) => r.pattern.startsWith("/admin"), headers: () => tokens.session, expect: (_r, a) => refused(a) },
      { name: "an admin on a store route", applies: (r) => r.pattern.startsWith("/store") && !PUBLIC.includes(r.pattern), headers: () => ({ ...admin.headers, "x-publishable-api-key": store.publishable_key }), expect: (_r, a) => refused(a) },
      { name: "an admin on a terminal route", applies: tillRoute, headers: () => admin.headers, expect: (_r, a) => refused(a) },
      {
        name: "another customer naming someone else's cart",
        applies: (r) => r.pattern.startsWith("/store/carts/[id]"),
        headers: () => shopperB.headers,
        // The cart's ids are in the request; what must not come back is anything of its owner's.
        expect: (_r, a) => refused(a) ?? (["accountA", "cardA", "promotionA"].find((k) => JSON.stringify(a.data).includes(ids[k])) ? "leaked the cart owner's account, card or promotion code" : null),
      },
      {
        name: "an admin user without the template permission",
        applies: (r) => isTemplateWrite(r) || isSettingsWrite(r),
        headers: () => staffAdmin.headers,
        expect: (_r, a) => (a.status === 403 ? null : `answered ${a.status}, not 403`),
      },
      { name: "a revoked device", applies: tillRoute, headers: () => tokens.revoked, expect: (_r, a) => refused(a) },
      { name: "a session whose PIN is locked", applies: sessionRoute, headers: () => tokens.locked, expect: (_r, a) => refused(a) },
      { name: "an expired staff session", applies: sessionRoute, headers: () => tokens.expired, expect: (_r, a) => refused(a) },
    ]

    const REAL: Record<string, () => string> = {
      "/store/carts/[id]": () => ids.cartA,
      "/store/carts/[id]/loyalty/redemptions/[redemption_id]": () => ids.redemptionA,
      "/admin/loyalty/accounts/[id]": () => shopperA.account_id,
      "/admin/loyalty/email/templates/[id]": () => ids.template,
      "/admin/loyalty/terminal/staff/[id]": () => ids.staff,
      "/admin/loyalty/terminal/devices/[id]": () => ids.device,
      "/terminal/accounts/[id]": () => shopperA.account_id,
      "/terminal/staff/[id]": () => ids.staff,
      "/terminal/awards/[entry_id]": () => ids.entryA,
      "/admin/loyalty/analytics/[report]": () => "points",
      "/admin/loyalty/email/[action]": () => "preview",
      "/admin/loyalty/terminal/stores/[stock_location_id]": () => store.stock_location_id,
    }
    /** The route with the real ids of the other party (shopper A, the store's staff and devices). */
    const pathOf = (pattern: string) =>
      pattern.replace(/\[[a-z_]+\]/g, (param, offset: number) => {
        const prefix = pattern.slice(0, offset + param.length)
        return REAL[prefix]?.() ?? (param === "[id]" ? shopperA.account_id : "x")
      })
    /** Bodies that would be accepted by the owner, so a refusal is the access rule, not validation. */
    const BODIES: Record<string, unknown> = {
      "POST /store/carts/[id]/loyalty/redemptions": { reward_id: "" },
      "POST /admin/loyalty/accounts/[id]/adjust": { points: 10, reason: "access matrix" },
      "POST /admin/loyalty/email/templates/[id]": { subject: "Changed by someone who may not" },
      "POST /admin/loyalty/email/settings": { port: 2526 },
      "POST /terminal/awards": { receipt_number: "ACCESS-1", amount: 10, currency_code: "eur" },
      "POST /terminal/redemptions": { reward_id: "", client_id: "access-1" },
    }

    async function send(route: Route, role: Role): Promise<Answer> {
      const body = BODIES[`${route.method} ${route.pattern}`] as Record<string, unknown> | undefined
      const filled = body ? JSON.parse(JSON.stringify(body).replace('"reward_id":""', `"reward_id":"${ids.reward}"`)) : {}
      if (route.pattern === "/terminal/awards") filled.account_id = shopperA.account_id
      if (route.pattern === "/terminal/redemptions") filled.account_id = shopperA.account_id
      const res = await (api as any).request({
        method: route.method,
        url: pathOf(route.pattern),
        headers: { "content-type": "application/json", ...role.headers() },
        data: route.method === "GET" ? undefined : JSON.stringify(filled),
        transformRequest: [(d: unknown) => d],
        validateStatus: () => true,
      })
      figures.requests++
      figures.refusals[res.status] = (figures.refusals[res.status] ?? 0) + 1
      bodies.push(typeof res.data === "string" ? res.data : JSON.stringify(res.data))
      return { status: res.status, data: res.data }
    }

    const routes = pluginRoutes()

    it.each(routes.map((r) => [`${r.method} ${r.pattern}`, r] as const))("%s: nobody reaches it who may not", async (_name, route) => {
      figures.routes++
      const problems: string[] = []
      for (const role of ROLES.filter((r) => r.applies(route))) {
        figures.roles.add(role.name)
        const answer = await send(route, role)
        const problem = role.expect(route, answer)
        if (problem) problems.push(`${role.name}: ${problem}`)
      }
      expect(problems).toEqual([])
    })

    it("the owner still reaches them: the cart's own customer sees its redemption, the session awards, staff with the permission edit templates", async () => {
      const own = await (api as any).get(`/store/carts/${ids.cartA}/loyalty/redemptions`, { headers: shopperA.headers })
      expect(JSON.stringify(own.data)).toContain(ids.redemptionA)
      const award = await (api as any).post("/terminal/awards", { account_id: shopperA.account_id, receipt_number: "ACCESS-OWNER", amount: 10, currency_code: "eur" }, { headers: tokens.session })
      expect(award.status).toBe(201)
      const edited = await (api as any).post(`/admin/loyalty/email/templates/${ids.template}`, { subject: "Edited by an admin" }, admin)
      expect(edited.status).toBe(200)
    })

    it("no response and no log line holds a secret: SMTP password, SendGrid key, device tokens, PINs, PIN hashes, the encryption key", async () => {
      const hashes = (await pg()("loyalty_terminal_staff").select("pin_hash")).map((r: { pin_hash: string }) => r.pin_hash).filter(Boolean)
      const deviceTokens = [tokens.device, tokens.revoked].map((h) => h.authorization.replace("Bearer ", ""))
      const sessionTokens = [tokens.session, tokens.locked, tokens.expired].map((h) => h["x-terminal-session"])
      const encryptionKey = process.env.REWARDFLOW_ENCRYPTION_KEY || "0".repeat(63) + "1"
      const needles: Record<string, string> = {
        ...SECRETS,
        encryption_key: encryptionKey,
        ...Object.fromEntries(hashes.map((h: string, i: number) => [`pin_hash_${i}`, h])),
        ...Object.fromEntries(deviceTokens.map((t, i) => [`device_token_${i}`, t])),
        ...Object.fromEntries(sessionTokens.map((t, i) => [`session_token_${i}`, t])),
      }
      // A PIN is six digits: only as a whole JSON or log value, not inside a longer number or id.
      const found = (haystack: string, needle: string) => (/^\d{6}$/.test(needle) ? new RegExp(`(^|[^0-9A-Za-z])${needle}([^0-9A-Za-z]|$)`).test(haystack) : haystack.includes(needle))
      const inBodies = Object.entries(needles).filter(([, v]) => bodies.some((b) => found(b, v))).map(([k]) => k)
      const logs = captured.join("")
      const inLogs = Object.entries(needles).filter(([, v]) => found(logs, v)).map(([k]) => k)
      expect(bodies.length).toBe(figures.requests)
      expect(bodies.length).toBeGreaterThan(200)
      expect(logs.length).toBeGreaterThan(0)
      expect({ inBodies, inLogs }).toEqual({ inBodies: [], inLogs: [] })
    })
  },
})
