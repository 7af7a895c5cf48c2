import { generateKeyPairSync } from "node:crypto"
import { createServer, type Socket } from "node:net"
import { walletOptionsLayer } from "../settings"
import {
  MAX_WALLET_REQUESTS_PER_SYNC,
  nextAttemptAt,
  notificationAllowance,
  SYNC_LOCK_TTL_SECONDS,
  SYNC_LOCK_WAIT_SECONDS,
  triggerMayNotify,
  WORST_CASE_SYNC_HOLD_MS,
} from "../lib/sync-policy"
import { WALLET_REQUEST_TIMEOUT_MS } from "../lib/wallet-api"
import { buildLoyaltyObject, classIdFor, objectIdFor, walletResourceId } from "../lib/pass-payloads"
import { checkOrigins, validateWalletSetup } from "../lib/setup-validator"
import { GoogleWalletApi, WalletApiError } from "../lib/wallet-api"
import { loadServiceAccount, parseServiceAccountJson } from "../lib/service-account"

describe("googleWallet plugin options", () => {
  it("are keyed like the settings and validated with the option named", () => {
    expect(walletOptionsLayer({ googleWallet: { issuerId: "338800", origins: ["https://a.lu"], environment: "production" } })).toEqual({
      issuer_id: "338800",
      origins: ["https://a.lu"],
      environment: "production",
    })
    expect(walletOptionsLayer({})).toEqual({})
    expect(() => walletOptionsLayer({ googleWallet: { issuerID: "1" } as any })).toThrow(
      /option googleWallet.issuerID is unknown \(known: issuerId,/
    )
    expect(() => walletOptionsLayer({ googleWallet: { environment: "staging" as any } })).toThrow(
      /option googleWallet.environment must be one of demo, production, got "staging"/
    )
    expect(() => walletOptionsLayer({ googleWallet: { tokenUrl: "ftp://x" } })).toThrow(/option googleWallet.tokenUrl must be an http\(s\) URL/)
    expect(() => walletOptionsLayer({ googleWallet: { backgroundColor: "blue" } })).toThrow(/option googleWallet.backgroundColor must be a colour/)
  })
})

describe("notification window and backoff", () => {
  const now = new Date("2026-03-01T12:00:00Z")
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600_000).toISOString()

  it("allows 3 notified updates in any rolling 24 hours", () => {
    expect(notificationAllowance([], now).notify).toBe(true)
    expect(notificationAllowance([hoursAgo(1), hoursAgo(2)], now).notify).toBe(true)
    expect(notificationAllowance([hoursAgo(1), hoursAgo(2), hoursAgo(23)], now).notify).toBe(false)
    const later = notificationAllowance([hoursAgo(1), hoursAgo(2), hoursAgo(25)], now)
    expect(later).toEqual({ notify: true, recent: [hoursAgo(1), hoursAgo(2)] })
  })

  it("backs off 1, 2, 4 ... minutes, at most 6 hours", () => {
    const delay = (attempts: number) => (nextAttemptAt(attempts, now).getTime() - now.getTime()) / 60_000
    expect([1, 2, 3, 4].map(delay)).toEqual([1, 2, 4, 8])
    expect(delay(30)).toBe(360)
  })
})

describe("sync lock and notifications", () => {
  it("a sync waits for the pass's lock longer than the lock can be held, and the lock outlives any live sync", () => {
    expect(WORST_CASE_SYNC_HOLD_MS).toBeGreaterThanOrEqual(MAX_WALLET_REQUESTS_PER_SYNC * WALLET_REQUEST_TIMEOUT_MS)
    expect(SYNC_LOCK_TTL_SECONDS * 1000).toBeGreaterThan(WORST_CASE_SYNC_HOLD_MS)
    expect(SYNC_LOCK_WAIT_SECONDS).toBeGreaterThan(SYNC_LOCK_TTL_SECONDS)
  })

  it("cart activity (reserve, release) never asks Google to notify; other balance changes may", () => {
    expect(triggerMayNotify("loyalty.points_reserved")).toBe(false)
    expect(triggerMayNotify("loyalty.points_released")).toBe(false)
    for (const t of ["loyalty.points_earned", "loyalty.points_redeemed", "loyalty.points_expired", "retry", undefined]) {
      expect(triggerMayNotify(t)).toBe(true)
    }
  })
})

describe("pass payloads", () => {
  it("ids are <issuer>.<suffix> with only letters, digits, '.', '_' and '-'", () => {
    expect(walletResourceId("3388", "rewardflow-lacct_01J ÄB/c")).toBe("3388.rewardflow-lacct_01J__B_c")
    expect(classIdFor("3388", "lprog_01ABC")).toBe("3388.rewardflow-lprog_01ABC")
    expect(objectIdFor("3388", "lacct_01XYZ")).toMatch(/^\d+\.[A-Za-z0-9._-]+$/)
  })

  it("a blocked account's pass is INACTIVE; a holder without a name shows the email", () => {
    const object = buildLoyaltyObject(
      "3388.o",
      "3388.c",
      { id: "a", card_number: "9000000000000001", balance: 42, status: "blocked", locale: "de", customer: { email: "lea@example.lu" } },
      { id: "p", name: "Rewards", default_locale: "en" }
    )
    expect(object).toMatchObject({
      state: "INACTIVE",
      accountName: "lea@example.lu",
      loyaltyPoints: { label: "Punkte", balance: { int: 42 } },
      barcode: { type: "QR_CODE", value: "9000000000000001" },
    })
    expect(object.textModulesData[0].body).toBe("Sie haben 42 Punkte.")
  })
})

describe("origins check", () => {
  it("accepts https origins and names each bad one", () => {
    expect(checkOrigins(["https://shop.lu", "https://shop.lu:8443"]).ok).toBe(true)
    const bad = checkOrigins(["http://shop.lu", "https://shop.lu/cart", "shop.lu"])
    expect(bad.ok).toBe(false)
    expect(bad.message).toBe(
      "http://shop.lu is not https; https://shop.lu/cart is not an origin (remove the path, query or credentials); shop.lu is not a URL"
    )
    expect(checkOrigins([]).ok).toBe(false)
  })
})

describe("Wallet API client", () => {
  it("reports an unreachable token endpoint as a WalletApiError without the key", async () => {
    // A port that was free a moment ago: nothing listens there now.
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, "127.0.0.1", () => {
        const p = (s.address() as any).port
        s.close(() => resolve(p))
      })
    })
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 })
    const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString()
    const api = GoogleWalletApi.create(
      { client_email: "sa@p.iam.gserviceaccount.com", private_key: pem },
      { api_base_url: `http://127.0.0.1:${port}/walletobjects/v1`, token_url: `http://127.0.0.1:${port}/token` }
    )
    const error = await api.get("loyaltyObject", "3388.x").catch((e) => e)
    expect(error).toBeInstanceOf(WalletApiError)
    expect(error.status).toBeNull()
    expect(error.message).toMatch(/^GET loyaltyObject\/3388\.x failed: .*ECONNREFUSED/)
    expect(error.message).not.toContain("PRIVATE KEY")
  })

  it("Validate: an unreachable token endpoint is reported as such, not as a key Google refused", async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, "127.0.0.1", () => {
        const p = (s.address() as any).port
        s.close(() => resolve(p))
      })
    })
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 })
    const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString()
    const tokenUrl = `http://127.0.0.1:${port}/token`
    const checks = await validateWalletSetup(
      {
        issuer_id: "3388000000012345678",
        service_account_json: JSON.stringify({ client_email: "sa@p.iam.gserviceaccount.com", private_key: pem }),
        api_base_url: `http://127.0.0.1:${port}/walletobjects/v1`,
        token_url: tokenUrl,
        save_url_base: "https://pay.google.com/gp/v/save",
      },
      { id: "prog_1", name: "Club" }
    )
    const token = checks.find((c) => c.id === "token")!
    expect(token.ok).toBe(false)
    expect(token.message).toMatch(/^OAuth token request failed: .*ECONNREFUSED/)
    expect(token.fix).toContain(`cannot reach ${tokenUrl}, so the key of sa@p.iam.gserviceaccount.com was not checked`)
    expect(token.fix).not.toMatch(/refused/)
    expect(JSON.stringify(checks)).not.toContain("PRIVATE KEY")
  })

  it("a token endpoint that accepts the connection but never answers fails after the timeout, as unreachable", async () => {
    const sockets: Socket[] = []
    const silent = createServer((socket) => void sockets.push(socket))
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve))
    const port = (silent.address() as any).port
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 })
    const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString()
    const api = GoogleWalletApi.create(
      { client_email: "sa@p.iam.gserviceaccount.com", private_key: pem },
      { api_base_url: `http://127.0.0.1:${port}/walletobjects/v1`, token_url: `http://127.0.0.1:${port}/token` },
      300
    )
    try {
      const error = await api.authorize().catch((e) => e)
      expect(error).toBeInstanceOf(WalletApiError)
      expect(error.status).toBeNull()
      expect(error.unreachable).toBe(true)
      expect(error.message).toMatch(/^OAuth token request failed: .*(timeout|aborted)/i)
      expect(sockets.length).toBeGreaterThan(0)
    } finally {
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => silent.close(resolve))
    }
  })

  it("a key that is not valid JSON is reported by position, never quoting the text", () => {
    const secret = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7"
    for (const text of [`[1, "${secret}" tru]`, `{"private_key": "${secret}" "x"}`, `{"private_key": "${secret}`]) {
      const result = parseServiceAccountJson(text, "service_account_json")
      expect(result).toMatchObject({ ok: false })
      const problem = (result as { problem: string }).problem
      expect(problem).toMatch(/^service_account_json is not valid JSON \((syntax error( at position \d+)?|the text ends too early.*)\)$/)
      expect(problem).not.toContain(secret.slice(10, 30))
    }
  })

  it("reads the inline JSON before the key file", () => {
    const inline = JSON.stringify({ client_email: "a@b", private_key: "k" })
    expect(loadServiceAccount({ service_account_json: inline, key_file: "/nope" })).toMatchObject({ ok: true, from: "service_account_json" })
    expect(loadServiceAccount({})).toMatchObject({ ok: false, problem: "no service account key is set" })
  })
})
