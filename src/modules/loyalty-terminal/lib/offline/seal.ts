import { createPrivateKey, createPublicKey, randomBytes, scrypt, scryptSync } from "node:crypto"
import { bytesOf, OfflineFormatError, toBase64Url } from "./encoding"

/**
 * Sealing a staff member's offline signing key under their PIN.
 *
 *   D       = scrypt(P = UTF-8(pin), S = salt, N, r, p, dkLen = 33)
 *   pad     = D[0..32)        (32 bytes, the wrapping stream)
 *   check   = D[32]           (one byte: the whole check value, 8 bits)
 *   sealed  = 0x01 || check || (seed XOR pad)          (34 bytes, base64url in the bundle)
 *
 * Why this and not an authenticated cipher: whatever a tablet holds must not let a thief confirm
 * a PIN guess. AES-GCM or any MAC over the wrapped key would be a 128-bit oracle. Here the only
 * thing a guess can be checked against is the 8-bit check byte, so about 1 wrong PIN in 256 passes
 * it, and unwrapping with the wrong pad gives 32 bytes that look random (XOR with an independent
 * pseudo-random pad). A 6-digit PIN therefore leaves ~3,900 candidates offline that the thief can
 * only tell apart by signing actions and syncing them, and the server counts each bad signature as
 * a failed PIN attempt (lockout after 5).
 *
 * Why Ed25519 for the key: the sealed secret is a 32-byte Ed25519 seed (RFC 8032), and every
 * 32-byte string is a valid seed. So a wrong PIN that passes the check yields a valid key pair that
 * is simply the wrong one: nothing about its shape gives it away (an RSA or ECDSA secret would need
 * range or structure checks that could). And the server keeps only the public key, so a leak of
 * the server's database does not let anyone forge offline actions (with an HMAC key it would).
 * The public key must never be sent to a device: with it, a guess could be confirmed by deriving
 * the public key of the unsealed seed.
 *
 * The salt is per staff member and per PIN: reseal with the same salt as long as the PIN is the
 * same (a new key may be sealed under the same salt), and draw a new salt only when the PIN
 * changes. Two bundles with two salts for the same PIN would give a thief two independent check
 * bytes (16 bits).
 */

export type OfflineScryptParams = { N: number; r: number; p: number }

/** The production parameters (about 32 MiB and ~100 ms per derivation on a phone-class CPU). */
export const OFFLINE_SCRYPT_PARAMS: Readonly<OfflineScryptParams> = Object.freeze({ N: 2 ** 15, r: 8, p: 1 })
/** Test-sized parameters: as strong as a checksum; only with `allowWeakParams`. */
export const OFFLINE_SCRYPT_TEST_PARAMS: Readonly<OfflineScryptParams> = Object.freeze({ N: 2 ** 4, r: 8, p: 1 })
export const OFFLINE_MIN_PRODUCTION_N = 2 ** 15

export const OFFLINE_SALT_BYTES = 16
export const OFFLINE_SEED_BYTES = 32
export const OFFLINE_SEALED_BYTES = 34
export const OFFLINE_SEALED_VERSION = 0x01
const DERIVED_BYTES = OFFLINE_SEED_BYTES + 1

/** PINs are 6 to 8 ASCII digits (issue 11); nothing else is ever fed to scrypt. */
const PIN_PATTERN = /^[0-9]{6,8}$/

// RFC 8410 DER wrappers around a raw 32-byte Ed25519 seed / public key.
const ED25519_PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex")
const ED25519_SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex")

export function validateScryptParams(
  params: OfflineScryptParams,
  { allowWeakParams = false }: { allowWeakParams?: boolean } = {}
): OfflineScryptParams {
  const { N, r, p } = params ?? ({} as OfflineScryptParams)
  if (!Number.isInteger(N) || N < 2 || N > 2 ** 20 || (N & (N - 1)) !== 0) {
    throw new OfflineFormatError(`scrypt N must be a power of two from 2 to 2^20, got ${N}`)
  }
  if (!Number.isInteger(r) || r < 1 || r > 32) throw new OfflineFormatError(`scrypt r must be 1 to 32, got ${r}`)
  if (!Number.isInteger(p) || p < 1 || p > 16) throw new OfflineFormatError(`scrypt p must be 1 to 16, got ${p}`)
  if (!allowWeakParams && (N < OFFLINE_MIN_PRODUCTION_N || r < 8)) {
    throw new OfflineFormatError(
      `scrypt parameters N=${N}, r=${r} are below production strength (N >= 2^15, r >= 8); pass allowWeakParams only in tests`
    )
  }
  return { N, r, p }
}

export function assertPin(pin: unknown): asserts pin is string {
  if (typeof pin !== "string" || !PIN_PATTERN.test(pin)) {
    throw new OfflineFormatError("a PIN is 6 to 8 ASCII digits")
  }
}

/** A fresh per-staff salt (16 random bytes). */
export function newOfflineSalt(): Buffer {
  return randomBytes(OFFLINE_SALT_BYTES)
}

/**
 * The PIN-derived wrapping pad and check byte. Exported for test vectors and for the statistical
 * tests; nothing outside this file needs it.
 */
export function deriveOfflinePad(input: { pin: string; salt: Uint8Array | string; params: OfflineScryptParams }): { pad: Buffer; check: number } {
  const [password, salt, length, options] = scryptArgs(input)
  return padOf(scryptSync(password, salt, length, options))
}

/** deriveOfflinePad off the event loop (libuv's thread pool): what the server uses, ~100 ms each. */
export async function deriveOfflinePadAsync(input: { pin: string; salt: Uint8Array | string; params: OfflineScryptParams }): Promise<{ pad: Buffer; check: number }> {
  const [password, salt, length, options] = scryptArgs(input)
  const derived = await new Promise<Buffer>((resolve, reject) => scrypt(password, salt, length, options, (e, key) => (e ? reject(e) : resolve(key))))
  return padOf(derived)
}

function scryptArgs({ pin, salt, params }: { pin: string; salt: Uint8Array | string; params: OfflineScryptParams }) {
  assertPin(pin)
  const saltBytes = bytesOf(salt, "salt", OFFLINE_SALT_BYTES)
  const { N, r, p } = validateScryptParams(params, { allowWeakParams: true })
  return [Buffer.from(pin, "utf8"), saltBytes, DERIVED_BYTES, { N, r, p, maxmem: 256 * N * r * p + 16 * 1024 * 1024 }] as const
}

function padOf(derived: Buffer) {
  return { pad: derived.subarray(0, OFFLINE_SEED_BYTES), check: derived[OFFLINE_SEED_BYTES] }
}

type SealInput = {
  pin: string
  salt: Uint8Array | string
  key: Uint8Array
  params: OfflineScryptParams
  allowWeakParams?: boolean
}

/** Seals a 32-byte Ed25519 seed under the PIN; returns the base64url blob of the bundle. */
export function sealOfflineKey(input: SealInput): string {
  validateScryptParams(input.params, { allowWeakParams: input.allowWeakParams ?? false })
  const seed = bytesOf(input.key, "offline key seed", OFFLINE_SEED_BYTES)
  return sealWith(seed, deriveOfflinePad(input))
}

/** sealOfflineKey with the scrypt off the event loop (same blob). */
export async function sealOfflineKeyAsync(input: SealInput): Promise<string> {
  validateScryptParams(input.params, { allowWeakParams: input.allowWeakParams ?? false })
  const seed = bytesOf(input.key, "offline key seed", OFFLINE_SEED_BYTES)
  return sealWith(seed, await deriveOfflinePadAsync(input))
}

function sealWith(seed: Buffer, { pad, check }: { pad: Buffer; check: number }): string {
  const sealed = Buffer.alloc(OFFLINE_SEALED_BYTES)
  sealed[0] = OFFLINE_SEALED_VERSION
  sealed[1] = check
  for (let i = 0; i < OFFLINE_SEED_BYTES; i++) sealed[2 + i] = seed[i] ^ pad[i]
  pad.fill(0)
  return toBase64Url(sealed)
}

/**
 * Unseals with a PIN: the 32-byte seed, or null when the check byte does not match (a wrong PIN,
 * 255 times in 256). A match does NOT mean the PIN is right: 1 wrong PIN in 256 gets here too and
 * returns a valid but wrong seed, which only the server can tell (its signatures fail at sync).
 */
export function unsealOfflineKey({
  pin,
  salt,
  sealed,
  params,
}: {
  pin: string
  salt: Uint8Array | string
  sealed: Uint8Array | string
  params: OfflineScryptParams
}): Buffer | null {
  const blob = bytesOf(sealed, "sealed key", OFFLINE_SEALED_BYTES)
  if (blob[0] !== OFFLINE_SEALED_VERSION) throw new OfflineFormatError(`sealed key version ${blob[0]} is unknown`)
  const { pad, check } = deriveOfflinePad({ pin, salt, params })
  if (check !== blob[1]) {
    pad.fill(0)
    return null
  }
  const seed = Buffer.alloc(OFFLINE_SEED_BYTES)
  for (let i = 0; i < OFFLINE_SEED_BYTES; i++) seed[i] = blob[2 + i] ^ pad[i]
  pad.fill(0)
  return seed
}

/** A new offline signing key: the seed (sealed into the bundle) and the public key (kept by the server). */
export function generateOfflineKey(): { seed: Buffer; publicKey: Buffer } {
  const seed = randomBytes(OFFLINE_SEED_BYTES)
  return { seed, publicKey: offlinePublicKey(seed) }
}

/** The raw 32-byte Ed25519 public key of a seed. */
export function offlinePublicKey(seed: Uint8Array): Buffer {
  const spki = createPublicKey(ed25519PrivateKey(seed)).export({ format: "der", type: "spki" })
  return Buffer.from(spki.subarray(ED25519_SPKI_PREFIX.length))
}

export function ed25519PrivateKey(seed: Uint8Array) {
  const raw = bytesOf(seed, "offline key seed", OFFLINE_SEED_BYTES)
  return createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, raw]), format: "der", type: "pkcs8" })
}

export function ed25519PublicKey(publicKey: Uint8Array | string) {
  const raw = bytesOf(publicKey, "offline public key", 32)
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: "der", type: "spki" })
}

