import { hkdfSync } from "node:crypto"
import { openSealedSignature, sealSignatureForServer, signOfflineAction, generateOfflineKey, type OfflineAction } from "../lib/offline"
import { SYNC_KEY_INFO, syncKeyPairFromConfig } from "../lib/sync-key"
import { terminalSettingsFromOptions } from "../options"

const KEY_HEX = "0".repeat(63) + "1"

describe("the server's sync key", () => {
  it("is HKDF-SHA256 of the encryption key (hex or base64) with the fixed info, deterministic, and opens what tablets seal to its public half", () => {
    const pair = syncKeyPairFromConfig(KEY_HEX, {})!
    const expected = Buffer.from(hkdfSync("sha256", Buffer.from(KEY_HEX, "hex"), Buffer.alloc(0), SYNC_KEY_INFO, 32))
    expect(pair.privateKey.equals(expected)).toBe(true)
    expect(syncKeyPairFromConfig(Buffer.from(KEY_HEX, "hex").toString("base64"), {})!.publicKey.equals(pair.publicKey)).toBe(true)
    expect(syncKeyPairFromConfig(undefined, { REWARDFLOW_ENCRYPTION_KEY: KEY_HEX })!.publicKey.equals(pair.publicKey)).toBe(true)
    expect(syncKeyPairFromConfig("f".repeat(64), {})!.publicKey.equals(pair.publicKey)).toBe(false)

    const { seed } = generateOfflineKey()
    const action: OfflineAction = { client_id: "7c9e6679-7425-40de-944b-e07fc1f90ae7", type: "award", staff_id: "s", device_id: "d", created_at: "2026-12-03T10:15:00.000Z", payload: { receipt_number: "R-1", amount: 1, currency_code: "eur" } }
    const signature = signOfflineAction(seed, action)
    const sealed = sealSignatureForServer({ signature, action, syncPublicKey: pair.publicKey })
    expect(openSealedSignature({ sealed, action, syncPrivateKey: pair.privateKey })!.toString("base64url")).toBe(signature)
  })

  it("is null without an encryption key (no bundle is given then)", () => {
    expect(syncKeyPairFromConfig(undefined, {})).toBeNull()
    expect(syncKeyPairFromConfig("short", {})).toBeNull()
  })
})

describe("offline options", () => {
  const env = process.env.NODE_ENV
  afterEach(() => {
    process.env.NODE_ENV = env
  })

  it("default to a 24 h bundle and production scrypt; offlineScrypt \"test\" only under NODE_ENV=test", () => {
    expect(terminalSettingsFromOptions({})).toMatchObject({ offlineBundleHours: 24, offlineScrypt: "production" })
    process.env.NODE_ENV = "test"
    expect(terminalSettingsFromOptions({ terminal: { offlineScrypt: "test", offlineBundleHours: 8 } })).toMatchObject({ offlineBundleHours: 8, offlineScrypt: "test" })
    process.env.NODE_ENV = "production"
    expect(() => terminalSettingsFromOptions({ terminal: { offlineScrypt: "test" } })).toThrow("terminal.offlineScrypt")
    expect(() => terminalSettingsFromOptions({ terminal: { offlineScrypt: "weak" as any } })).toThrow("terminal.offlineScrypt")
    expect(() => terminalSettingsFromOptions({ terminal: { offlineBundleHours: 0 } })).toThrow("terminal.offlineBundleHours")
  })
})
