import { createHash } from "node:crypto"
import {
  deriveOfflinePad,
  fromBase64Url,
  generateOfflineKey,
  newOfflineSalt,
  OFFLINE_SCRYPT_PARAMS,
  OFFLINE_SCRYPT_TEST_PARAMS,
  offlinePublicKey,
  sealOfflineKey,
  sealOfflineKeyAsync,
  signOfflineAction,
  toBase64Url,
  unsealOfflineKey,
  verifyOfflineAction,
} from ".."
import { ACTION, PIN, PUBLIC_KEY, SALT_HEX, SEALED_PRODUCTION_PARAMS, SEALED_TEST_PARAMS, SEED_HEX } from "./vectors"

const TEST = OFFLINE_SCRYPT_TEST_PARAMS
const salt = Buffer.from(SALT_HEX, "hex")
const seed = Buffer.from(SEED_HEX, "hex")

function sealTest(pin: string, key: Buffer, s: Buffer = salt) {
  return sealOfflineKey({ pin, salt: s, key, params: TEST, allowWeakParams: true })
}

describe("sealing an offline key under a PIN", () => {
  it("round-trips with test-sized and with production parameters", () => {
    const { seed: fresh, publicKey } = generateOfflineKey()
    const s = newOfflineSalt()
    const sealed = sealTest("914273", fresh, s)
    expect(unsealOfflineKey({ pin: "914273", salt: s, sealed, params: TEST })).toEqual(fresh)

    const prod = sealOfflineKey({ pin: "914273", salt: toBase64Url(s), key: fresh, params: OFFLINE_SCRYPT_PARAMS })
    const unsealed = unsealOfflineKey({ pin: "914273", salt: s, sealed: prod, params: OFFLINE_SCRYPT_PARAMS })
    expect(unsealed).toEqual(fresh)
    expect(offlinePublicKey(unsealed!)).toEqual(publicKey)
  })

  it("seals the same blob off the event loop (the server's path) as inline, for the README's vectors", async () => {
    expect(await sealOfflineKeyAsync({ pin: PIN, salt, key: seed, params: TEST, allowWeakParams: true })).toBe(SEALED_TEST_PARAMS)
    expect(await sealOfflineKeyAsync({ pin: PIN, salt, key: seed, params: OFFLINE_SCRYPT_PARAMS })).toBe(SEALED_PRODUCTION_PARAMS)
    await expect(sealOfflineKeyAsync({ pin: PIN, salt, key: seed, params: TEST })).rejects.toThrow()
  })

  it("matches the README's test vectors", () => {
    expect(toBase64Url(offlinePublicKey(seed))).toBe(PUBLIC_KEY)
    expect(sealTest(PIN, seed)).toBe(SEALED_TEST_PARAMS)
    expect(sealOfflineKey({ pin: PIN, salt, key: seed, params: OFFLINE_SCRYPT_PARAMS })).toBe(SEALED_PRODUCTION_PARAMS)
    expect(unsealOfflineKey({ pin: PIN, salt, sealed: SEALED_PRODUCTION_PARAMS, params: OFFLINE_SCRYPT_PARAMS })).toEqual(seed)
  })

  it("is exactly version, check byte and seed XOR pad: nothing else a guess could be checked against", () => {
    const blob = fromBase64Url(SEALED_TEST_PARAMS)
    expect(blob).toHaveLength(34)
    const { pad, check } = deriveOfflinePad({ pin: PIN, salt, params: TEST })
    expect(blob[0]).toBe(0x01)
    expect(blob[1]).toBe(check)
    expect(Buffer.from(blob.subarray(2).map((b, i) => b ^ pad[i]))).toEqual(seed)
    // Two keys sealed under the same PIN and salt share the check byte and nothing else is fixed:
    // resealing a new key never hands out a second, independent check value.
    const other = fromBase64Url(sealTest(PIN, generateOfflineKey().seed))
    expect(other.subarray(0, 2)).toEqual(blob.subarray(0, 2))
    expect(other.subarray(2)).not.toEqual(blob.subarray(2))
  })

  it("refuses production use of weak scrypt parameters, bad PINs, salts and keys", () => {
    expect(() => sealOfflineKey({ pin: PIN, salt, key: seed, params: TEST })).toThrow(/below production strength/)
    expect(() => sealOfflineKey({ pin: PIN, salt, key: seed, params: { N: 2 ** 14, r: 8, p: 1 } })).toThrow(/below production/)
    expect(() => sealTest("12345", seed)).toThrow(/6 to 8 ASCII digits/)
    expect(() => sealTest("123456789", seed)).toThrow(/6 to 8 ASCII digits/)
    expect(() => sealTest("12345a", seed)).toThrow(/6 to 8 ASCII digits/)
    expect(() => sealTest("١٢٣٤٥٦", seed)).toThrow(/6 to 8 ASCII digits/)
    expect(() => sealTest(PIN, seed.subarray(0, 31))).toThrow(/32 bytes/)
    expect(() => sealTest(PIN, seed, salt.subarray(0, 8))).toThrow(/salt must be 16 bytes/)
    expect(() =>
      sealOfflineKey({ pin: PIN, salt, key: seed, params: { N: 24, r: 8, p: 1 }, allowWeakParams: true })
    ).toThrow(/power of two/)
    expect(() => unsealOfflineKey({ pin: PIN, salt, sealed: "AAAA", params: TEST })).toThrow(/34 bytes/)
    const v2 = fromBase64Url(SEALED_TEST_PARAMS)
    v2[0] = 2
    expect(() => unsealOfflineKey({ pin: PIN, salt, sealed: v2, params: TEST })).toThrow(/version 2/)
  })

  it("a wrong PIN usually unseals to nothing, sometimes to a valid key whose signatures fail", () => {
    let nulls = 0
    let wrongKey: Buffer | null = null
    for (let n = 0; n < 2000 && !wrongKey; n++) {
      const pin = String(300000 + n)
      const unsealed = unsealOfflineKey({ pin, salt, sealed: SEALED_TEST_PARAMS, params: TEST })
      if (unsealed === null) nulls++
      else wrongKey = unsealed
    }
    expect(nulls).toBeGreaterThan(0)
    expect(wrongKey).not.toBeNull()
    expect(wrongKey).toHaveLength(32)
    expect(wrongKey).not.toEqual(seed)
    // A valid Ed25519 key, so a wrong PIN looks like a right one on the tablet...
    const signature = signOfflineAction(wrongKey!, ACTION)
    expect(verifyOfflineAction(offlinePublicKey(wrongKey!), ACTION, signature)).toBe(true)
    // ...and only the server, holding the real public key, can tell.
    expect(verifyOfflineAction(PUBLIC_KEY, ACTION, signature)).toBe(false)
    expect(verifyOfflineAction(PUBLIC_KEY, ACTION, signOfflineAction(seed, ACTION))).toBe(true)
  })

  it("20,000 wrong PINs: between 1 in 400 and 1 in 150 unseal, all to wrong keys whose signatures fail", () => {
    const started = Date.now()
    const wrongPins: string[] = []
    for (let n = 100000; wrongPins.length < 20000; n++) if (String(n) !== PIN) wrongPins.push(String(n))

    const unsealedKeys: Buffer[] = []
    const checks = new Array<number>(256).fill(0)
    let ones = 0
    for (const pin of wrongPins) {
      const unsealed = unsealOfflineKey({ pin, salt, sealed: SEALED_TEST_PARAMS, params: TEST })
      if (unsealed) unsealedKeys.push(unsealed)
    }
    // The same PINs through the derivation: the check byte of a wrong PIN is uniform over 256
    // values (so it carries 8 bits and no more), and what the wrapped seed unwraps to is
    // indistinguishable from random bytes.
    const wrapped = fromBase64Url(SEALED_TEST_PARAMS).subarray(2)
    for (const pin of wrongPins) {
      const { pad, check } = deriveOfflinePad({ pin, salt, params: TEST })
      checks[check]++
      for (let i = 0; i < 32; i++) ones += popcount(wrapped[i] ^ pad[i])
    }
    const elapsed = Date.now() - started

    expect(unsealedKeys.length).toBeGreaterThanOrEqual(50)
    expect(unsealedKeys.length).toBeLessThanOrEqual(133)
    expect(unsealedKeys.length).toBe(checks[fromBase64Url(SEALED_TEST_PARAMS)[1]])
    for (const key of unsealedKeys) {
      expect(key).not.toEqual(seed)
      expect(verifyOfflineAction(PUBLIC_KEY, ACTION, signOfflineAction(key, ACTION))).toBe(false)
    }
    expect(new Set(unsealedKeys.map((k) => k.toString("hex"))).size).toBe(unsealedKeys.length)

    const expected = wrongPins.length / 256
    const chiSquare = checks.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0)
    expect(chiSquare).toBeLessThan(350) // 255 degrees of freedom: mean 255, sd 22.6
    const bitShare = ones / (wrongPins.length * 256)
    expect(Math.abs(bitShare - 0.5)).toBeLessThan(0.002) // sd 0.00022

    // eslint-disable-next-line no-console
    console.log(
      `offline seal: ${unsealedKeys.length} of ${wrongPins.length} wrong PINs unsealed (1 in ${(
        wrongPins.length / unsealedKeys.length
      ).toFixed(0)}), check-byte chi-square ${chiSquare.toFixed(1)}, share of one bits ${bitShare.toFixed(5)}, ${elapsed} ms`
    )
  })

  it("other salts: the rate holds whatever the salt (another 20,000 PINs over 40 salts)", () => {
    let hits = 0
    for (let k = 0; k < 40; k++) {
      const s = createHash("sha256").update(`salt ${k}`).digest().subarray(0, 16)
      const sealed = sealTest("777123", seed, s)
      for (let n = 0; n < 500; n++) {
        if (unsealOfflineKey({ pin: String(500000 + k * 500 + n), salt: s, sealed, params: TEST })) hits++
      }
    }
    expect(hits).toBeGreaterThanOrEqual(50)
    expect(hits).toBeLessThanOrEqual(133)
  })
})

function popcount(b: number) {
  let c = 0
  for (; b; b &= b - 1) c++
  return c
}
