import {
  canonicalJson,
  fromBase64Url,
  generateOfflineKey,
  generateSyncKeyPair,
  offlineActionMessage,
  openSealedSignature,
  sealSignatureForServer,
  signOfflineAction,
  syncPublicKeyOf,
  toBase64Url,
  verifyOfflineAction,
  verifySealedOfflineAction,
} from ".."
import {
  ACTION,
  CANONICAL_ACTION,
  PUBLIC_KEY,
  SEALED_SIGNATURE_BY_NODE,
  SEALED_SIGNATURE_BY_PYTHON,
  SEED_HEX,
  SIGNATURE,
  SYNC_PRIVATE_HEX,
  SYNC_PUBLIC_KEY,
} from "./vectors"

const seed = Buffer.from(SEED_HEX, "hex")
const syncPrivate = Buffer.from(SYNC_PRIVATE_HEX, "hex")
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v))

describe("canonical serialization", () => {
  it("sorts keys at every depth, writes no whitespace, and is stable across key orders", () => {
    expect(canonicalJson(ACTION)).toBe(CANONICAL_ACTION)
    const reordered = {
      payload: { card_number: "6012345678901234", currency_code: "eur", amount: 42.5, receipt_number: "R-1042" },
      type: "award",
      created_at: "2026-12-03T10:15:00.000Z",
      staff_id: "tstaff_01",
      device_id: "tdev_01",
      client_id: "7c9e6679-7425-40de-944b-e07fc1f90ae7",
    }
    expect(canonicalJson(reordered)).toBe(CANONICAL_ACTION)
    expect(canonicalJson({ b: [3, { z: 1, a: null }], a: true, B: false, _: "x", aa: {} })).toBe(
      '{"B":false,"_":"x","a":true,"aa":{},"b":[3,{"a":null,"z":1}]}'
    )
  })

  it("writes numbers and strings as RFC 8785 does", () => {
    expect(canonicalJson([0, -0, 1, -1.5, 12.5, 1e21, 1e-7, 100, 0.1 + 0.2])).toBe(
      "[0,0,1,-1.5,12.5,1e+21,1e-7,100,0.30000000000000004]"
    )
    expect(canonicalJson('a"b\\c\n\t\b\f\r\u0001\u001f\u007f é€😀\u2028')).toBe(
      '"a\\"b\\\\c\\n\\t\\b\\f\\r\\u0001\\u001f\u007f é€😀\u2028"'
    )
  })

  it("refuses NaN, Infinity and whatever is not plain JSON data", () => {
    for (const bad of [NaN, Infinity, -Infinity]) {
      expect(() => canonicalJson({ payload: { amount: bad } })).toThrow(/only finite numbers/)
      expect(() => offlineActionMessage({ ...ACTION, payload: { ...ACTION.payload, amount: bad } })).toThrow(/finite/)
    }
    expect(() => canonicalJson({ a: undefined })).toThrow(/undefined/)
    expect(() => canonicalJson([1, , 3])).toThrow(/missing/)
    expect(() => canonicalJson({ a: new Date() })).toThrow(/not a plain object/)
    expect(() => canonicalJson({ a: 1n })).toThrow(/bigint/)
    expect(() => canonicalJson({ a: () => 1 })).toThrow(/function/)
    expect(() => canonicalJson("\ud800")).toThrow(/lone surrogate/)
    expect(() => canonicalJson({ ["\udc00"]: 1 })).toThrow(/lone surrogate/)
    const cycle: any = { a: 1 }
    cycle.self = cycle
    expect(() => canonicalJson(cycle)).toThrow(/cycle/)
    // The same object twice is not a cycle.
    const shared = { x: 1 }
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}')
  })
})

describe("signing offline actions", () => {
  it("signs the domain-separated canonical bytes, and matches the README's vector", () => {
    expect(offlineActionMessage(ACTION).toString("utf8")).toBe("rewardflow/offline-action/v1\n" + CANONICAL_ACTION)
    expect(signOfflineAction(seed, ACTION)).toBe(SIGNATURE)
    expect(fromBase64Url(SIGNATURE)).toHaveLength(64)
    expect(verifyOfflineAction(PUBLIC_KEY, ACTION, SIGNATURE)).toBe(true)
    expect(verifyOfflineAction(fromBase64Url(PUBLIC_KEY), clone(ACTION), fromBase64Url(SIGNATURE))).toBe(true)
  })

  it("verifies whatever order the keys arrive in (the server re-canonicalizes the uploaded JSON)", () => {
    const { payload, ...rest } = ACTION
    const parsed = JSON.parse(JSON.stringify({ payload: { ...payload }, ...rest }).replace(/"amount":42.5/, '"amount":4.25e1'))
    expect(Object.keys(parsed)[0]).toBe("payload")
    expect(verifyOfflineAction(PUBLIC_KEY, parsed, SIGNATURE)).toBe(true)
  })

  it("fails for a tampered action, another key, or a damaged signature", () => {
    const tampered: Array<Record<string, unknown>> = [
      { ...ACTION, payload: { ...ACTION.payload, amount: 425 } },
      { ...ACTION, payload: { ...ACTION.payload, amount: 42.50001 } },
      { ...ACTION, payload: { ...ACTION.payload, receipt_number: "R-1043" } },
      { ...ACTION, payload: { ...ACTION.payload, note: "extra" } },
      { ...ACTION, payload: { receipt_number: "R-1042", amount: 42.5, currency_code: "eur" } },
      { ...ACTION, staff_id: "tstaff_02" },
      { ...ACTION, device_id: "tdev_02" },
      { ...ACTION, type: "redeem" },
      { ...ACTION, created_at: "2026-12-03T10:15:00.001Z" },
      { ...ACTION, client_id: "7c9e6679-7425-40de-944b-e07fc1f90ae8" },
      { ...ACTION, extra: 1 },
    ]
    for (const action of tampered) expect(verifyOfflineAction(PUBLIC_KEY, action, SIGNATURE)).toBe(false)

    expect(verifyOfflineAction(generateOfflineKey().publicKey, ACTION, SIGNATURE)).toBe(false)
    const flipped = fromBase64Url(SIGNATURE)
    flipped[10] ^= 1
    expect(verifyOfflineAction(PUBLIC_KEY, ACTION, flipped)).toBe(false)
    expect(verifyOfflineAction(PUBLIC_KEY, ACTION, SIGNATURE.slice(0, -2))).toBe(false)
    expect(verifyOfflineAction(PUBLIC_KEY, ACTION, SIGNATURE + "=")).toBe(false)
    expect(verifyOfflineAction("not a key", ACTION, SIGNATURE)).toBe(false)
    expect(verifyOfflineAction(PUBLIC_KEY, null, SIGNATURE)).toBe(false)
    expect(verifyOfflineAction(PUBLIC_KEY, { ...ACTION, payload: { amount: NaN } }, SIGNATURE)).toBe(false)
  })

  it("refuses to sign a malformed action", () => {
    expect(() => signOfflineAction(seed, { ...ACTION, client_id: "42" })).toThrow(/UUID/)
    expect(() => signOfflineAction(seed, { ...ACTION, created_at: "yesterday" })).toThrow(/RFC 3339/)
    expect(() => signOfflineAction(seed, { ...ACTION, created_at: "2026-12-03T10:15:00" })).toThrow(/RFC 3339/)
    expect(() => signOfflineAction(seed, { ...ACTION, staff_id: "" })).toThrow(/staff_id/)
    expect(() => signOfflineAction(seed, { ...ACTION, payload: [] as any })).toThrow(/payload/)
    expect(() => signOfflineAction(seed, { ...ACTION, pin: "482915" } as any)).toThrow(/unknown fields: pin/)
  })
})

describe("sealing signatures to the server's sync key", () => {
  it("round-trips, and each seal is fresh", () => {
    const sync = generateSyncKeyPair()
    expect(syncPublicKeyOf(sync.privateKey)).toEqual(sync.publicKey)
    const a = sealSignatureForServer({ signature: SIGNATURE, action: ACTION, syncPublicKey: sync.publicKey })
    const b = sealSignatureForServer({ signature: SIGNATURE, action: ACTION, syncPublicKey: toBase64Url(sync.publicKey) })
    expect(a).not.toBe(b)
    expect(fromBase64Url(a)).toHaveLength(112)
    expect(toBase64Url(openSealedSignature({ sealed: a, action: ACTION, syncPrivateKey: sync.privateKey })!)).toBe(SIGNATURE)
    expect(toBase64Url(openSealedSignature({ sealed: b, action: ACTION, syncPrivateKey: sync.privateKey })!)).toBe(SIGNATURE)
    expect(verifySealedOfflineAction({ publicKey: PUBLIC_KEY, action: ACTION, sealedSignature: a, syncPrivateKey: sync.privateKey })).toBe(true)
  })

  it("interoperates with an independent implementation (vectors made and opened by Python)", () => {
    expect(toBase64Url(syncPublicKeyOf(syncPrivate))).toBe(SYNC_PUBLIC_KEY)
    for (const sealed of [SEALED_SIGNATURE_BY_NODE, SEALED_SIGNATURE_BY_PYTHON]) {
      expect(toBase64Url(openSealedSignature({ sealed, action: ACTION, syncPrivateKey: syncPrivate })!)).toBe(SIGNATURE)
    }
  })

  it("opens to nothing with another sync key, for another action, or when damaged", () => {
    const other = generateSyncKeyPair()
    expect(openSealedSignature({ sealed: SEALED_SIGNATURE_BY_PYTHON, action: ACTION, syncPrivateKey: other.privateKey })).toBeNull()
    expect(
      openSealedSignature({
        sealed: SEALED_SIGNATURE_BY_PYTHON,
        action: { ...ACTION, payload: { ...ACTION.payload, amount: 4250 } },
        syncPrivateKey: syncPrivate,
      })
    ).toBeNull()
    for (const index of [0, 40, 100, 111]) {
      const damaged = fromBase64Url(SEALED_SIGNATURE_BY_PYTHON)
      damaged[index] ^= 0x80
      expect(openSealedSignature({ sealed: damaged, action: ACTION, syncPrivateKey: syncPrivate })).toBeNull()
    }
    expect(openSealedSignature({ sealed: "AAAA", action: ACTION, syncPrivateKey: syncPrivate })).toBeNull()
    expect(
      verifySealedOfflineAction({ publicKey: PUBLIC_KEY, action: ACTION, sealedSignature: "AAAA", syncPrivateKey: syncPrivate })
    ).toBe(false)
  })

  it("a signature made with another key opens but does not verify", () => {
    const wrong = generateOfflineKey()
    const sealed = sealSignatureForServer({
      signature: signOfflineAction(wrong.seed, ACTION),
      action: ACTION,
      syncPublicKey: SYNC_PUBLIC_KEY,
    })
    expect(openSealedSignature({ sealed, action: ACTION, syncPrivateKey: syncPrivate })).toHaveLength(64)
    expect(verifySealedOfflineAction({ publicKey: PUBLIC_KEY, action: ACTION, sealedSignature: sealed, syncPrivateKey: syncPrivate })).toBe(false)
  })
})
