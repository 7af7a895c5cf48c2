import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import fc from "fast-check"
import { adminHeaders, bareCart, enrolledShopper, seedStore, type StoreFixture } from "../fixtures"
import { call } from "../fixtures/http"
import { recordFigures } from "./figures"
import { pluginRoutes, type Route } from "./routes"

jest.setTimeout(600_000)

/**
 * Not compared: the scheduled jobs' own bookkeeping (the heartbeat runs every minute whatever the
 * requests do), and a paired device's presence (`last_seen_at`, written at most once a minute by
 * the device check before any route answers: the device was seen, whatever it asked).
 */
const BACKGROUND_TABLES = ["loyalty_job_run"]
const PRESENCE_COLUMNS = ["loyalty_terminal_device.last_seen_at"]

/** Random requests per route and method (plus the fixed malformed payloads below). */
const RUNS = Number(process.env.REWARDFLOW_FUZZ_RUNS ?? 8)
/**
 * The same inputs on every run, so CI is repeatable; `REWARDFLOW_FUZZ_SEED=random` (with more
 * runs, e.g. REWARDFLOW_FUZZ_RUNS=50) explores new ones, and a failure prints the seed that replays it.
 */
const SEED = process.env.REWARDFLOW_FUZZ_SEED === "random" ? undefined : Number(process.env.REWARDFLOW_FUZZ_SEED ?? 20261204)

/** Field names the plugin's bodies and queries use, so random objects hit the validators' real fields too. */
const FIELDS = [
  "points", "reason", "reward_id", "pin", "current_pin", "staff_id", "name", "status", "email", "amount", "currency_code",
  "receipt_number", "code", "confirm", "is_test", "earn_rates", "liability_estimate", "from", "to", "limit", "offset",
  "locale", "customer_id", "account_id", "birthday", "referral_code", "cart_id", "variant_id", "quantity", "region_id",
  "type", "points_cost", "amounts", "threshold", "multiplier", "color", "subject", "body", "to_address", "provider",
  "host", "port", "password", "api_key", "service_account_json", "environment", "sales_channel_ids", "client_id",
  "actions", "attempts", "role", "stock_location_ids", "format", "interval", "q", "fields", "order", "metadata",
]

const junk = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.string({ maxLength: 300 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(null, true, false, -1, 0, 1e308, "", " ", "'; drop table loyalty_account; --", "<script>", "../../etc/passwd", "\u0000", "💳")
)
const body = fc.oneof(
  fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 20 })), junk, { maxKeys: 6 }),
  fc.anything({ maxDepth: 2 }),
  fc.array(junk, { maxLength: 4 })
)
const query = fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), fc.string({ minLength: 1, maxLength: 12 })), fc.oneof(fc.string({ maxLength: 40 }), fc.integer().map(String)), { maxKeys: 4 })
const extraHeaders = fc.record(
  {
    "x-terminal-session": fc.string({ maxLength: 80 }),
    "accept-language": fc.string({ maxLength: 30 }),
    "x-forwarded-for": fc.ipV4(),
  },
  { requiredKeys: [] }
)
/** Bodies no JSON parser accepts, and bodies of another type. */
const MALFORMED: { type: string; data: string }[] = [
  { type: "application/json", data: "{" },
  { type: "application/json", data: '{"points": 10,,}' },
  { type: "application/json", data: "\u0000\u0001" },
  { type: "text/plain", data: "points=10" },
  { type: "application/x-www-form-urlencoded", data: "points=10&reason=x" },
  // U+0000, which PostgreSQL stores in neither text nor jsonb, in the fields free text goes to.
  { type: "application/json", data: JSON.stringify(Object.fromEntries(FIELDS.map((f) => [f, "a\u0000b"]))) },
  { type: "application/json", data: JSON.stringify({ reason: "a\u0000b", points: 5, name: { en: "\u0000" }, "k\u0000": 1 }) },
]

/**
 * Random and malformed bodies, query strings and headers at every store, admin and terminal route
 * of the plugin, with the right credentials (so the validators and handlers are reached): never a
 * 5xx, and after a 4xx nothing in the database changed: every plugin table and the store's order,
 * cart, customer and promotion tables are compared row for row. One deliberate write is allowed on
 * a 4xx: a wrong PIN is counted (401 pin_incorrect / pin_locked), which is the lockout itself.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: StoreFixture
    let admin: { headers: Record<string, string> }
    let shopper: Awaited<ReturnType<typeof enrolledShopper>>
    const ids: Record<string, string> = {}
    const headers: Record<string, Record<string, string>> = {}
    const figures = { requests: 0, routes: 0, statuses: {} as Record<string, number> }
    const pg = () => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
    /** Each compared table with the columns compared. */
    let tables: { name: string; columns: string[] }[] = []

    beforeAll(async () => {
      const container = getContainer()
      store = await seedStore(container)
      admin = await adminHeaders(container)
      shopper = await enrolledShopper(api, store, admin, 500, { prefix: "fuzz" })
      ids.cart = await bareCart(api, store, shopper.headers)
      ids.account = shopper.account_id
      ids.reward = (await call(api as any, "post", "/admin/loyalty/rewards", admin.headers, { name: { en: "Fuzz" }, points_cost: 100, type: "fixed_amount", amounts: { eur: 5 } })).reward.id
      ids.tier = (await call(api as any, "post", "/admin/loyalty/tiers", admin.headers, { name: { en: "Fuzz tier" }, threshold: 5000, multiplier: 1.5 })).tier.id
      const cashier = (await call(api as any, "post", "/admin/loyalty/terminal/staff", admin.headers, { name: "Fuzz cashier", role: "manager", stock_location_ids: [store.stock_location_id], pin: "482915" })).staff
      const target = (await call(api as any, "post", "/admin/loyalty/terminal/staff", admin.headers, { name: "Fuzz target", role: "cashier", stock_location_ids: [store.stock_location_id], pin: "730264" })).staff
      ids.staff = target.id
      const { pairing_code } = await call(api as any, "post", `/admin/loyalty/terminal/stores/${store.stock_location_id}/pairing-codes`, admin.headers)
      const paired = await call(api as any, "post", "/terminal/pair", {}, { code: pairing_code.code, name: "Fuzz till" })
      ids.device = paired.device.id
      const session = await call(api as any, "post", "/terminal/sessions", { authorization: `Bearer ${paired.token}` }, { staff_id: cashier.id, pin: "482915" })
      headers.terminal = { authorization: `Bearer ${paired.token}`, "x-terminal-session": session.token }
      headers.admin = admin.headers
      headers.store = shopper.headers
      const entries = (await call(api as any, "get", `/admin/loyalty/accounts/${ids.account}`, admin.headers)).account
      ids.entry = (await pg()("loyalty_ledger_entry").where({ account_id: ids.account }).first("id")).id
      void entries
      ids.redemption = "lrdm_unknown"
      ids.template = (await pg()("loyalty_email_template").first("id"))?.id ?? "letpl_unknown"
      ids.log = "lelog_unknown"
      ids.order = "order_unknown"
      ids.offline_action = "ltoff_unknown"
      const { rows } = await pg().raw(
        `select c.table_name, array_agg(c.column_name::text order by c.ordinal_position) as columns
         from information_schema.columns c join information_schema.tables t on t.table_name = c.table_name and t.table_schema = c.table_schema
         where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
           and (c.table_name like 'loyalty\\_%' or c.table_name in ('order', 'order_summary', 'cart', 'cart_line_item', 'customer', 'promotion', 'payment_collection'))
         group by c.table_name order by c.table_name`
      )
      tables = rows
        .filter((r: { table_name: string }) => !BACKGROUND_TABLES.includes(r.table_name))
        .map((r: { table_name: string; columns: string[] }) => ({ name: r.table_name, columns: r.columns.filter((c) => !PRESENCE_COLUMNS.includes(`${r.table_name}.${c}`)) }))
    })

    afterAll(() => recordFigures("bad_input", { ...figures, runs_per_route: RUNS, seed: SEED ?? "random", tables_compared: tables.length, not_compared: [...BACKGROUND_TABLES, ...PRESENCE_COLUMNS] }))

    const PARAMS: Record<string, () => string> = {
      "[id]": () => ids.account,
      "[report]": () => "points",
      "[action]": () => "preview",
      "[file]": () => "c0c0c0.png",
      "[stock_location_id]": () => store.stock_location_id,
      "[redemption_id]": () => ids.redemption,
      "[entry_id]": () => ids.entry,
    }
    /** A real id where the route's folder names one (so the handler reads the body), a random one sometimes. */
    function pathOf(pattern: string, random: string | null): string {
      const real: Record<string, string> = {
        "/store/carts/[id]": ids.cart,
        "/admin/loyalty/rewards/[id]": ids.reward,
        "/admin/loyalty/tiers/[id]": ids.tier,
        "/admin/loyalty/terminal/staff/[id]": ids.staff,
        "/admin/loyalty/terminal/devices/[id]": ids.device,
        "/terminal/staff/[id]": ids.staff,
        "/terminal/accounts/[id]": ids.account,
        "/admin/loyalty/email/templates/[id]": ids.template,
        "/admin/loyalty/email/logs/[id]": ids.log,
        "/admin/loyalty/orders/[id]": ids.order,
        "/admin/loyalty/terminal/offline-actions/[id]": ids.offline_action,
      }
      return pattern.replace(/\[[a-z_]+\]/g, (param, offset: number) => {
        if (random !== null) return encodeURIComponent(random) || "x"
        const prefix = pattern.slice(0, offset + param.length)
        return real[prefix] ?? PARAMS[param]?.() ?? "x"
      })
    }
    const authFor = (url: string): Record<string, string> =>
      url.startsWith("/admin") ? headers.admin : url.startsWith("/store") ? headers.store : url.startsWith("/terminal") ? headers.terminal : {}

    /** The compared tables' rows, one checksum each. */
    async function snapshot(): Promise<Record<string, string>> {
      const parts = tables.map((t) => {
        const row = `concat_ws(',', ${t.columns.map((c) => `"${c}"::text`).join(", ")})`
        return `(select md5(coalesce(string_agg(${row}, '|' order by ${row}), '')) from "${t.name}") as "${t.name}"`
      })
      const { rows } = await pg().raw(`select ${parts.join(", ")}`)
      return rows[0]
    }
    const changed = (a: Record<string, string>, b: Record<string, string>) => Object.keys(a).filter((t) => a[t] !== b[t])
    /** Tables a wrong PIN writes on purpose (the failure count, the lock). */
    const PIN_TABLES = ["loyalty_terminal_pin_event", "loyalty_terminal_staff", "loyalty_terminal_session"]

    async function send(method: Route["method"], url: string, extra: Record<string, string>, data?: unknown, raw?: { type: string; data: string }) {
      // Bodies go out as JSON text (a bare number or boolean too: axios would refuse to send it).
      const json = method === "GET" || data === undefined ? undefined : JSON.stringify(data)
      const res = await (api as any).request({
        method,
        url,
        headers: { ...extra, ...authFor(url), "content-type": raw ? raw.type : "application/json" },
        data: raw ? raw.data : json,
        validateStatus: () => true,
        transformRequest: [(d: unknown) => d],
      })
      figures.requests++
      figures.statuses[`${Math.floor(res.status / 100)}xx`] = (figures.statuses[`${Math.floor(res.status / 100)}xx`] ?? 0) + 1
      return res as { status: number; data: any }
    }

    /** Sends, then checks: no 5xx; a 4xx changed nothing. After a 2xx the next request starts from a settled database. */
    async function probe(method: Route["method"], url: string, extra: Record<string, string>, data?: unknown, raw?: { type: string; data: string }) {
      const before = await snapshot()
      const res = await send(method, url, extra, data, raw)
      const label = `${method} ${url} ${raw ? `(${raw.type}: ${JSON.stringify(raw.data)})` : JSON.stringify(data)?.slice(0, 300)}`
      if (res.status >= 500) throw new Error(`${label} answered ${res.status}: ${JSON.stringify(res.data).slice(0, 500)}`)
      if (res.status >= 400) {
        const pinFailure = ["pin_incorrect", "pin_locked"].includes(res.data?.reason)
        const diff = changed(before, await snapshot()).filter((t) => !(pinFailure && PIN_TABLES.includes(t)))
        if (diff.length) throw new Error(`${label} answered ${res.status} but changed ${diff.join(", ")}`)
      }
      return res
    }

    const routes = pluginRoutes()

    it("finds every route of the plugin (store, admin, terminal, public)", () => {
      expect(routes.length).toBeGreaterThan(80)
      expect(routes.map((r) => r.pattern)).toEqual(expect.arrayContaining(["/store/loyalty/me", "/admin/loyalty/analytics/[report]", "/terminal/awards", "/terminal/sync"]))
    })

    // Go live and the clean-up are refused without `confirm: true`, which random bodies do not write; readiness reads only.
    it.each(routes.map((r) => [`${r.method} ${r.pattern}`, r] as const))("%s: random and malformed input never gets a 5xx, and a 4xx changes nothing", async (_name, route) => {
      figures.routes++
      await fc.assert(
        fc.asyncProperty(body, query, extraHeaders, fc.option(fc.string({ maxLength: 30 }), { freq: 4 }), async (data, qs, extra, randomParam) => {
          const search = new URLSearchParams(qs as Record<string, string>).toString()
          const url = pathOf(route.pattern, randomParam) + (search ? `?${search}` : "")
          await probe(route.method, url, extra as Record<string, string>, data)
        }),
        { numRuns: RUNS, endOnFailure: true, ...(SEED === undefined ? {} : { seed: SEED }) }
      )
      if (route.method !== "GET") {
        for (const raw of MALFORMED) await probe(route.method, pathOf(route.pattern, null), {}, undefined, raw)
      } else {
        await probe(route.method, `${pathOf(route.pattern, null)}?q=a%00b&limit=%00`, {})
      }
    })
  },
})
