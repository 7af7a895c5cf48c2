import http from "node:http"
import type { AddressInfo } from "node:net"
import Medusa from "@medusajs/js-sdk"
import { REFUSAL_REASONS } from "../../modules/loyalty/lib/refusal"
import { isRewardFlowError, REWARDFLOW_REASON_FIELDS, REWARDFLOW_REASONS, rewardflow, RewardFlowError } from ".."
import { isCapturing } from "../transport"

describe("store client reasons", () => {
  it("lists exactly the server's refusal reasons, in its order", () => {
    expect([...REWARDFLOW_REASONS]).toEqual(Object.keys(REFUSAL_REASONS))
    expect(Object.keys(REWARDFLOW_REASON_FIELDS)).toEqual(Object.keys(REFUSAL_REASONS))
  })

  it("gives each reason the server's detail fields", () => {
    const server = Object.fromEntries(Object.entries(REFUSAL_REASONS).map(([reason, r]) => [reason, [...r.fields]]))
    const client = Object.fromEntries(Object.entries(REWARDFLOW_REASON_FIELDS).map(([reason, f]) => [reason, [...f]]))
    expect(client).toEqual(server)
  })
})

/**
 * The client against a real js-sdk over real HTTP (a loopback server standing in for Medusa):
 * js-sdk's FetchError keeps only the message, the client must still surface the body's reason
 * and details, and leave the global fetch as it found it.
 */
describe("store client over js-sdk", () => {
  type Seen = { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }
  const seen: Seen[] = []
  let server: http.Server
  let baseUrl: string
  const release: Array<() => void> = []

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = ""
      req.on("data", (c) => (body += c))
      req.on("end", () => {
        seen.push({ method: req.method!, url: req.url!, headers: req.headers, body })
        const send = (status: number, payload: unknown, type = "application/json") => {
          res.writeHead(status, { "content-type": type })
          res.end(typeof payload === "string" ? payload : JSON.stringify(payload))
        }
        const url = new URL(req.url!, "http://x")
        if (url.pathname === "/store/loyalty/me") return send(200, { enrolled: false, account: null, program: { id: "lprog_1" } })
        if (url.pathname === "/store/loyalty/rewards") {
          // Held until the test lets it go, to have requests in flight at the same time.
          return void release.push(() => send(200, { balance: 7, rewards: [], query: Object.fromEntries(url.searchParams) }))
        }
        if (url.pathname.endsWith("/loyalty/redemptions") && req.method === "POST") {
          return send(400, {
            type: "not_allowed",
            message: "Not enough points: balance 20, 100 needed",
            reason: "insufficient_points",
            balance: 20,
            points_required: 100,
            points_missing: 80,
          })
        }
        if (url.pathname === "/store/loyalty/me/wallet/google") return send(500, "<html>proxy error</html>", "text/html")
        if (url.pathname === "/store/loyalty/me/entries") return send(400, { type: "invalid_data", message: "Invalid request: limit must be at most 100, got 1000", reason: "invalid_request", field: "limit", errors: [{ field: "limit", message: "limit must be at most 100, got 1000" }] })
        send(404, { type: "not_found", message: "nope", reason: "a_reason_from_the_future" })
      })
    })
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve))
  })

  const sdk = () => new Medusa({ baseUrl, publishableKey: "pk_test", auth: { type: "jwt", jwtTokenStorageMethod: "memory" } })

  it("a refusal is a RewardFlowError with the status, reason, details and the route's message", async () => {
    const original = globalThis.fetch
    const loyalty = rewardflow(sdk())
    const error = await loyalty.applyReward("cart_1", { points: 100 }, { idempotencyKey: "k-1" }).catch((e) => e)
    expect(error).toBeInstanceOf(RewardFlowError)
    expect(error).toMatchObject({
      status: 400,
      reason: "insufficient_points",
      type: "not_allowed",
      message: "Not enough points: balance 20, 100 needed",
      details: { balance: 20, points_required: 100, points_missing: 80 },
    })
    expect(error.cause).toMatchObject({ status: 400, message: "Not enough points: balance 20, 100 needed" })
    if (!isRewardFlowError(error, "insufficient_points")) throw new Error("not narrowed")
    expect(error.details.points_missing).toBe(80)
    expect(isRewardFlowError(error, "account_busy")).toBe(false)
    const request = seen.at(-1)!
    expect(request.headers["idempotency-key"]).toBe("k-1")
    expect(request.headers["x-publishable-api-key"]).toBe("pk_test")
    expect(JSON.parse(request.body)).toEqual({ points: 100 })
    expect(globalThis.fetch).toBe(original)
  })

  it("invalid_request names the field; a body without a known reason gives reason null; a 5xx page keeps the status", async () => {
    const loyalty = rewardflow(sdk())
    const invalid = await loyalty.entries({ limit: 1000 }).catch((e) => e)
    expect(invalid).toMatchObject({ status: 400, reason: "invalid_request", details: { field: "limit" } })
    const future = await loyalty.removeRedemption("cart_1", "lrdm_1").catch((e) => e)
    expect(future).toMatchObject({ status: 404, reason: null, message: "nope", body: { reason: "a_reason_from_the_future" } })
    const page = await loyalty.googleWalletLink().catch((e) => e)
    expect(page).toBeInstanceOf(RewardFlowError)
    expect(page).toMatchObject({ status: 500, reason: null, body: null })
  })

  it("goes through the sdk's client.fetch (a storefront's wrapper of it too), with the sdk's token", async () => {
    const client = sdk()
    await client.client.setToken("tok_123")
    const calls: string[] = []
    const fetchOfSdk = client.client.fetch.bind(client.client)
    // What the Next.js starter does in src/lib/config.ts: a wrapper adding a header.
    client.client.fetch = (async (input: any, init?: any) => {
      calls.push(String(input))
      return fetchOfSdk(input, { ...init, headers: { "x-medusa-locale": "fr", ...init?.headers } })
    }) as typeof client.client.fetch
    const loyalty = rewardflow(client)
    await loyalty.me({ headers: { "x-extra": "1" } })
    const error = await loyalty.applyReward("cart_2", { reward_id: "lrwd_1" }).catch((e) => e)
    expect(error.reason).toBe("insufficient_points")
    expect(calls).toEqual(["/store/loyalty/me", "/store/carts/cart_2/loyalty/redemptions"])
    const me = seen.find((s) => s.url === "/store/loyalty/me")!
    expect(me.headers).toMatchObject({ authorization: "Bearer tok_123", "x-medusa-locale": "fr", "x-extra": "1" })
  })

  it("requests in flight at once each get their own answer; the global fetch is put back after the last", async () => {
    const original = globalThis.fetch
    const loyalty = rewardflow(sdk())
    const a = loyalty.rewards({ cart_id: "cart_a", locale: undefined })
    const b = loyalty.rewards({ locale: "de" })
    const refused = loyalty.applyReward("cart_3", { points: 5 }).catch((e) => e)
    while (release.length < 2) await new Promise((r) => setTimeout(r, 5))
    expect((await refused).reason).toBe("insufficient_points")
    expect(isCapturing()).toBe(true)
    release.splice(0).forEach((go) => go())
    const [ra, rb] = (await Promise.all([a, b])) as any[]
    expect(ra.query).toEqual({ cart_id: "cart_a" })
    expect(rb.query).toEqual({ locale: "de" })
    expect(isCapturing()).toBe(false)
    expect(globalThis.fetch).toBe(original)
  })

  it("a network failure is thrown as it is", async () => {
    const loyalty = rewardflow(new Medusa({ baseUrl: "http://127.0.0.1:1", publishableKey: "pk" }))
    const error = await loyalty.me().catch((e) => e)
    expect(error).not.toBeInstanceOf(RewardFlowError)
    // undici's TypeError ("fetch failed"), from another realm than the test's
    expect(error.name).toBe("TypeError")
  })
})
