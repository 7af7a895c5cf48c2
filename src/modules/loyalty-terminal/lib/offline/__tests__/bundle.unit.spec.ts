import { randomUUID } from "node:crypto"
import {
  buildOfflineBundle,
  bundleFormatVersion,
  fromBase64Url,
  generateOfflineKey,
  generateSyncKeyPair,
  isBundleExpired,
  newOfflineSalt,
  OFFLINE_BUNDLE_FIELDS,
  OFFLINE_BUNDLE_STAFF_FIELDS,
  OFFLINE_SCRYPT_PARAMS,
  OFFLINE_SCRYPT_TEST_PARAMS,
  OfflineAction,
  OfflineBundle,
  sealOfflineKey,
  sealSignatureForServer,
  signOfflineAction,
  toBase64Url,
  unsealOfflineKey,
  verifySealedOfflineAction,
} from ".."

const TEST = OFFLINE_SCRYPT_TEST_PARAMS
const issued = new Date("2026-12-03T08:00:00.000Z")
const expires = new Date("2026-12-04T08:00:00.000Z")

/** What the server would hold per staff member: a PIN hash, the public key, lockout state. */
function serverStaff(id: string, name: string, role: "cashier" | "manager", pin: string) {
  const salt = newOfflineSalt()
  const { seed, publicKey } = generateOfflineKey()
  return {
    id,
    name,
    role,
    pin,
    salt,
    public_key: publicKey,
    sealed: sealOfflineKey({ pin, salt, key: seed, params: TEST, allowWeakParams: true }),
    pin_hash: `scrypt$16384$8$1$${toBase64Url(salt)}$${"x".repeat(43)}`,
    failed_count: 2,
  }
}

describe("the offline bundle", () => {
  const sync = generateSyncKeyPair()
  const alice = serverStaff("ltstaff_alice", "Alice", "cashier", "582046")
  const bob = serverStaff("ltstaff_bob", "Bob", "manager", "91827364")

  function build(overrides: Partial<Parameters<typeof buildOfflineBundle>[0]> = {}): OfflineBundle {
    return buildOfflineBundle({
      device_id: "ltdev_1",
      stock_location_id: "sloc_1",
      issued_at: issued,
      expires_at: expires,
      staff: [alice, bob] as any, // extra fields on purpose: they must not reach the bundle
      params: TEST,
      allowWeakParams: true,
      sync_public_key: sync.publicKey,
      ...overrides,
    })
  }

  it("has exactly the documented fields, and nothing from which a PIN can be checked", () => {
    const bundle = build()
    const json = JSON.parse(JSON.stringify(bundle))
    expect(Object.keys(json).sort()).toEqual([...OFFLINE_BUNDLE_FIELDS].sort())
    expect(json).toEqual({
      format: bundleFormatVersion,
      device_id: "ltdev_1",
      stock_location_id: "sloc_1",
      issued_at: "2026-12-03T08:00:00.000Z",
      expires_at: "2026-12-04T08:00:00.000Z",
      scrypt: { N: 16, r: 8, p: 1 },
      sync_public_key: toBase64Url(sync.publicKey),
      staff: [
        { id: "ltstaff_alice", name: "Alice", role: "cashier", salt: toBase64Url(alice.salt), sealed: alice.sealed },
        { id: "ltstaff_bob", name: "Bob", role: "manager", salt: toBase64Url(bob.salt), sealed: bob.sealed },
      ],
    })
    for (const member of json.staff) {
      expect(Object.keys(member).sort()).toEqual([...OFFLINE_BUNDLE_STAFF_FIELDS].sort())
      expect(fromBase64Url(member.salt)).toHaveLength(16)
      expect(fromBase64Url(member.sealed)).toHaveLength(34) // version, 8-bit check, wrapped seed
    }
    const text = JSON.stringify(bundle)
    for (const member of [alice, bob]) {
      expect(text).not.toContain(member.pin)
      expect(text).not.toContain(member.pin_hash)
      expect(text).not.toContain("pin_hash")
      expect(text).not.toContain("failed_count")
      // The public key would confirm a guess (derive it from the unsealed seed and compare).
      expect(text).not.toContain(toBase64Url(member.public_key))
      expect(text).not.toContain(member.public_key.toString("hex"))
      expect(text).not.toContain(member.public_key.toString("base64"))
    }
    expect(text).not.toContain(toBase64Url(sync.privateKey))
  })

  it("carries production parameters by default and refuses weak ones unless told", () => {
    expect(build({ params: OFFLINE_SCRYPT_PARAMS, allowWeakParams: false }).scrypt).toEqual({ N: 32768, r: 8, p: 1 })
    expect(() => build({ allowWeakParams: false })).toThrow(/below production strength/)
  })

  it("refuses malformed input", () => {
    expect(() => build({ expires_at: issued })).toThrow(/after issued_at/)
    expect(() => build({ expires_at: "soon" })).toThrow(/not a date/)
    expect(() => build({ device_id: "" })).toThrow(/device_id/)
    expect(() => build({ sync_public_key: Buffer.alloc(31) })).toThrow(/32 bytes/)
    expect(() => build({ staff: [alice, alice] as any })).toThrow(/appears twice/)
    expect(() => build({ staff: [{ ...alice, role: "owner" }] as any })).toThrow(/cashier or manager/)
    expect(() => build({ staff: [{ ...alice, sealed: alice.pin_hash }] as any })).toThrow(/sealed/)
    expect(() => build({ staff: [{ ...alice, salt: Buffer.alloc(8) }] as any })).toThrow(/salt must be 16 bytes/)
    expect(build({ staff: [] }).staff).toEqual([])
  })

  it("expires at expires_at", () => {
    const bundle = build()
    expect(isBundleExpired(bundle, new Date("2026-12-03T09:00:00.000Z"))).toBe(false)
    expect(isBundleExpired(bundle, new Date(expires.getTime() - 1))).toBe(false)
    expect(isBundleExpired(bundle, expires)).toBe(true)
    expect(isBundleExpired(bundle, new Date(expires.getTime() + 1))).toBe(true)
    expect(isBundleExpired({ expires_at: "garbage" })).toBe(true)
    const fresh = buildOfflineBundle({ ...build(), params: TEST, allowWeakParams: true, issued_at: undefined, expires_at: new Date(Date.now() + 60_000), staff: [] })
    expect(isBundleExpired(fresh)).toBe(false)
  })

  it("end to end: the tablet unseals, signs and seals; the server verifies the right PIN and rejects a wrong one", () => {
    const bundle: OfflineBundle = JSON.parse(JSON.stringify(build()))
    const entry = bundle.staff.find((s) => s.id === alice.id)!
    const action = (staffId: string): OfflineAction => ({
      client_id: randomUUID(),
      type: "award",
      staff_id: staffId,
      device_id: bundle.device_id,
      created_at: new Date().toISOString(),
      payload: { receipt_number: "R-77", amount: 19.99, currency_code: "eur", card_number: "6012000000000001" },
    })
    const tabletSign = (seed: Buffer, a: OfflineAction) =>
      sealSignatureForServer({ signature: signOfflineAction(seed, a), action: a, syncPublicKey: bundle.sync_public_key })
    const serverVerify = (a: OfflineAction, sealedSignature: string) =>
      verifySealedOfflineAction({ publicKey: alice.public_key, action: JSON.parse(JSON.stringify(a)), sealedSignature, syncPrivateKey: sync.privateKey })

    const seed = unsealOfflineKey({ pin: alice.pin, salt: entry.salt, sealed: entry.sealed, params: bundle.scrypt })!
    const good = action(alice.id)
    expect(serverVerify(good, tabletSign(seed, good))).toBe(true)

    // A thief's guess that passes the 8-bit check still signs with the wrong key.
    let wrongSeed: Buffer | null = null
    for (let n = 0; !wrongSeed; n++) {
      const guess = String(100000 + n)
      if (guess !== alice.pin) wrongSeed = unsealOfflineKey({ pin: guess, salt: entry.salt, sealed: entry.sealed, params: bundle.scrypt })
    }
    const bad = action(alice.id)
    expect(serverVerify(bad, tabletSign(wrongSeed, bad))).toBe(false)
    // Bob's key does not sign for Alice either.
    const bobEntry = bundle.staff.find((s) => s.id === bob.id)!
    const bobSeed = unsealOfflineKey({ pin: bob.pin, salt: bobEntry.salt, sealed: bobEntry.sealed, params: bundle.scrypt })!
    expect(serverVerify(bad, tabletSign(bobSeed, bad))).toBe(false)
  })
})
