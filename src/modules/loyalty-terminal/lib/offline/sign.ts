import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  sign,
  verify,
} from "node:crypto"
import { canonicalJson, JsonValue } from "./canonical"
import { bytesOf, OfflineFormatError, toBase64Url } from "./encoding"
import { ed25519PrivateKey, ed25519PublicKey } from "./seal"

/**
 * Offline actions, their signatures, and the sealing of those signatures to the server.
 *
 *   message   = UTF-8("rewardflow/offline-action/v1\n") || UTF-8(canonicalJson(action))
 *   signature = Ed25519(seed, message)                     (64 bytes, RFC 8032, pure Ed25519)
 *
 * A tablet must not keep a signature in the clear: a signature stored next to the sealed key is a
 * PIN oracle (unseal with a guess, derive the public key, verify the stored signature). So the
 * moment it signs, the tablet seals the signature to the server's sync key (X25519, in the bundle)
 * and forgets both the signature and, when the session ends, the seed:
 *
 *   (e, E)    = a fresh X25519 key pair for each action
 *   shared    = X25519(e, sync_public_key)
 *   okm       = HKDF-SHA256(ikm = shared, salt = E || sync_public_key,
 *                           info = "rewardflow/offline-signature/v1", L = 44)
 *   key, iv   = okm[0..32), okm[32..44)
 *   ct, tag   = AES-256-GCM(key, iv, plaintext = signature, aad = message)
 *   sealed_signature = E || ct || tag                      (32 + 64 + 16 = 112 bytes, base64url)
 *
 * (AES-GCM is right here and wrong for the PIN seal: this key comes from an ephemeral
 * Diffie-Hellman the thief cannot redo, not from a PIN they can guess.)
 */

export const OFFLINE_ACTION_DOMAIN = "rewardflow/offline-action/v1\n"
const SIGNATURE_SEAL_INFO = "rewardflow/offline-signature/v1"
export const OFFLINE_SIGNATURE_BYTES = 64
export const OFFLINE_SEALED_SIGNATURE_BYTES = 32 + OFFLINE_SIGNATURE_BYTES + 16

const X25519_PKCS8_PREFIX = Buffer.from("302e020100300506032b656e04220420", "hex")
const X25519_SPKI_PREFIX = Buffer.from("302a300506032b656e032100", "hex")

export type OfflineActionPayload = {
  receipt_number?: string
  amount?: number
  currency_code?: string
  card_number?: string
  [key: string]: JsonValue | undefined
}

export type OfflineAction = {
  /** A UUID the tablet draws for the action; the server applies each client_id once. */
  client_id: string
  /** What to do, e.g. "award". */
  type: string
  staff_id: string
  device_id: string
  /** When the action was taken, ISO 8601 / RFC 3339 with a time zone, as the tablet's clock says. */
  created_at: string
  payload: OfflineActionPayload
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/
const ACTION_FIELDS = ["client_id", "type", "staff_id", "device_id", "created_at", "payload"]

/** Throws on anything that is not a well-formed offline action. */
export function assertOfflineAction(action: unknown): asserts action is OfflineAction {
  if (action === null || typeof action !== "object" || Array.isArray(action)) {
    throw new OfflineFormatError("an offline action is a JSON object")
  }
  const a = action as Record<string, unknown>
  const extra = Object.keys(a).filter((key) => !ACTION_FIELDS.includes(key))
  if (extra.length) throw new OfflineFormatError(`offline action has unknown fields: ${extra.join(", ")}`)
  if (typeof a.client_id !== "string" || !UUID.test(a.client_id)) {
    throw new OfflineFormatError("offline action client_id must be a UUID")
  }
  for (const field of ["type", "staff_id", "device_id"]) {
    if (typeof a[field] !== "string" || (a[field] as string).length === 0) {
      throw new OfflineFormatError(`offline action ${field} must be a non-empty string`)
    }
  }
  if (typeof a.created_at !== "string" || !RFC3339.test(a.created_at) || Number.isNaN(Date.parse(a.created_at))) {
    throw new OfflineFormatError("offline action created_at must be an RFC 3339 date-time with a time zone")
  }
  if (a.payload === null || typeof a.payload !== "object" || Array.isArray(a.payload)) {
    throw new OfflineFormatError("offline action payload must be a JSON object")
  }
}

/** The exact bytes that are signed. Throws on a malformed action or non-canonicalizable data. */
export function offlineActionMessage(action: OfflineAction): Buffer {
  assertOfflineAction(action)
  return Buffer.concat([Buffer.from(OFFLINE_ACTION_DOMAIN, "utf8"), Buffer.from(canonicalJson(action), "utf8")])
}

/** Signs an action with the unsealed 32-byte seed; base64url of the 64-byte Ed25519 signature. */
export function signOfflineAction(seed: Uint8Array, action: OfflineAction): string {
  return toBase64Url(sign(null, offlineActionMessage(action), ed25519PrivateKey(seed)))
}

/**
 * True when `signature` (64 bytes, raw or base64url) is the Ed25519 signature of the action under
 * the staff member's public key (32 bytes, raw or base64url). Any malformed input is false, never
 * a throw: at sync every false is a failed PIN attempt.
 */
export function verifyOfflineAction(
  publicKey: Uint8Array | string,
  action: unknown,
  signature: Uint8Array | string
): boolean {
  try {
    const message = offlineActionMessage(action as OfflineAction)
    const sig = bytesOf(signature, "signature", OFFLINE_SIGNATURE_BYTES)
    return verify(null, message, ed25519PublicKey(publicKey), sig)
  } catch {
    return false
  }
}

/** The server's sync key pair (X25519, raw 32-byte keys); the public half goes in the bundle. */
export function generateSyncKeyPair(): { privateKey: Buffer; publicKey: Buffer } {
  const { privateKey, publicKey } = generateKeyPairSync("x25519")
  return { privateKey: rawX25519Private(privateKey), publicKey: rawX25519Public(publicKey) }
}

/** The raw public half of a raw X25519 private key. */
export function syncPublicKeyOf(privateKey: Uint8Array | string): Buffer {
  return rawX25519Public(createPublicKey(x25519Private(privateKey)))
}

/** Seals a signature to the server's sync key (done by the tablet; here for tests and reference). */
export function sealSignatureForServer({
  signature,
  action,
  syncPublicKey,
}: {
  signature: Uint8Array | string
  action: OfflineAction
  syncPublicKey: Uint8Array | string
}): string {
  const sig = bytesOf(signature, "signature", OFFLINE_SIGNATURE_BYTES)
  const serverPublic = bytesOf(syncPublicKey, "sync public key", 32)
  const message = offlineActionMessage(action)
  const ephemeral = generateKeyPairSync("x25519")
  const ephemeralPublic = rawX25519Public(ephemeral.publicKey)
  const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: x25519Public(serverPublic) })
  const { key, iv } = signatureSealKey(shared, ephemeralPublic, serverPublic)
  const cipher = createCipheriv("aes-256-gcm", key, iv)
  cipher.setAAD(message)
  const ct = Buffer.concat([cipher.update(sig), cipher.final()])
  return toBase64Url(Buffer.concat([ephemeralPublic, ct, cipher.getAuthTag()]))
}

/**
 * Opens a sealed signature with the server's sync private key: the 64-byte signature, or null if
 * the blob is malformed, was sealed to another key, or was sealed for another action.
 */
export function openSealedSignature({
  sealed,
  action,
  syncPrivateKey,
}: {
  sealed: Uint8Array | string
  action: unknown
  syncPrivateKey: Uint8Array | string
}): Buffer | null {
  try {
    const blob = bytesOf(sealed, "sealed signature", OFFLINE_SEALED_SIGNATURE_BYTES)
    const message = offlineActionMessage(action as OfflineAction)
    const privateKey = x25519Private(syncPrivateKey)
    const serverPublic = rawX25519Public(createPublicKey(privateKey))
    const ephemeralPublic = blob.subarray(0, 32)
    const shared = diffieHellman({ privateKey, publicKey: x25519Public(ephemeralPublic) })
    const { key, iv } = signatureSealKey(shared, ephemeralPublic, serverPublic)
    const decipher = createDecipheriv("aes-256-gcm", key, iv)
    decipher.setAAD(message)
    decipher.setAuthTag(blob.subarray(32 + OFFLINE_SIGNATURE_BYTES))
    return Buffer.concat([decipher.update(blob.subarray(32, 32 + OFFLINE_SIGNATURE_BYTES)), decipher.final()])
  } catch {
    return null
  }
}

/**
 * The server's check of one uploaded action: open the sealed signature, then verify it under the
 * staff member's public key. False means a failed PIN attempt (or a forged / damaged upload).
 */
export function verifySealedOfflineAction({
  publicKey,
  action,
  sealedSignature,
  syncPrivateKey,
}: {
  publicKey: Uint8Array | string
  action: unknown
  sealedSignature: Uint8Array | string
  syncPrivateKey: Uint8Array | string
}): boolean {
  const signature = openSealedSignature({ sealed: sealedSignature, action, syncPrivateKey })
  return signature !== null && verifyOfflineAction(publicKey, action, signature)
}

function signatureSealKey(shared: Buffer, ephemeralPublic: Buffer, serverPublic: Buffer) {
  const okm = Buffer.from(hkdfSync("sha256", shared, Buffer.concat([ephemeralPublic, serverPublic]), SIGNATURE_SEAL_INFO, 44))
  return { key: okm.subarray(0, 32), iv: okm.subarray(32, 44) }
}

function x25519Private(raw: Uint8Array | string) {
  return createPrivateKey({
    key: Buffer.concat([X25519_PKCS8_PREFIX, bytesOf(raw, "sync private key", 32)]),
    format: "der",
    type: "pkcs8",
  })
}

function x25519Public(raw: Uint8Array | string) {
  return createPublicKey({
    key: Buffer.concat([X25519_SPKI_PREFIX, bytesOf(raw, "X25519 public key", 32)]),
    format: "der",
    type: "spki",
  })
}

function rawX25519Public(key: ReturnType<typeof createPublicKey>): Buffer {
  return Buffer.from(key.export({ format: "der", type: "spki" }).subarray(X25519_SPKI_PREFIX.length))
}

function rawX25519Private(key: ReturnType<typeof createPrivateKey>): Buffer {
  return Buffer.from(key.export({ format: "der", type: "pkcs8" }).subarray(X25519_PKCS8_PREFIX.length))
}
