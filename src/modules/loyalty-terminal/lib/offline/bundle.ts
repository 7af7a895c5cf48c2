import { bytesOf, OfflineFormatError, toBase64Url } from "./encoding"
import {
  OFFLINE_SALT_BYTES,
  OFFLINE_SEALED_BYTES,
  OFFLINE_SEALED_VERSION,
  OfflineScryptParams,
  validateScryptParams,
} from "./seal"

/** The `format` field of every bundle; a tablet refuses a bundle whose format it does not know. */
export const bundleFormatVersion = 1
export const OFFLINE_BUNDLE_DEFAULT_TTL_MS = 24 * 60 * 60 * 1000

export type OfflineStaffRole = "cashier" | "manager"

/** One staff member in a bundle: exactly these fields, nothing from which a PIN can be checked. */
export type OfflineBundleStaff = {
  id: string
  name: string
  role: OfflineStaffRole
  /** base64url, 16 bytes: the staff member's scrypt salt. */
  salt: string
  /** base64url, 34 bytes: 0x01 || check byte || (seed XOR pad). */
  sealed: string
}

export type OfflineBundle = {
  format: typeof bundleFormatVersion
  device_id: string
  stock_location_id: string
  /** RFC 3339, UTC, millisecond precision. */
  issued_at: string
  expires_at: string
  scrypt: OfflineScryptParams
  /** base64url, 32 bytes: the server's X25519 key that signatures are sealed to. */
  sync_public_key: string
  staff: OfflineBundleStaff[]
}

export const OFFLINE_BUNDLE_FIELDS = [
  "format",
  "device_id",
  "stock_location_id",
  "issued_at",
  "expires_at",
  "scrypt",
  "sync_public_key",
  "staff",
] as const
export const OFFLINE_BUNDLE_STAFF_FIELDS = ["id", "name", "role", "salt", "sealed"] as const

export type BuildOfflineBundleInput = {
  device_id: string
  stock_location_id: string
  expires_at: Date | string
  issued_at?: Date | string
  /** Only the documented fields are copied: anything else a caller passes (a PIN hash, the
   * public key, lock state) is left out, never serialized. */
  staff: Array<{ id: string; name: string; role: OfflineStaffRole; salt: Uint8Array | string; sealed: Uint8Array | string }>
  params: OfflineScryptParams
  sync_public_key: Uint8Array | string
  /** Tests only: accept scrypt parameters below production strength. */
  allowWeakParams?: boolean
}

/**
 * The JSON a device receives from `GET /terminal/offline-bundle`. The caller has already chosen the
 * staff (allowed in the device's store, not locked) and sealed their keys.
 */
export function buildOfflineBundle(input: BuildOfflineBundleInput): OfflineBundle {
  const issuedAt = toDate(input.issued_at ?? new Date(), "issued_at")
  const expiresAt = toDate(input.expires_at, "expires_at")
  if (expiresAt.getTime() <= issuedAt.getTime()) throw new OfflineFormatError("expires_at must be after issued_at")
  for (const field of ["device_id", "stock_location_id"] as const) {
    if (typeof input[field] !== "string" || input[field].length === 0) {
      throw new OfflineFormatError(`${field} must be a non-empty string`)
    }
  }
  const params = validateScryptParams(input.params, { allowWeakParams: input.allowWeakParams })
  const seen = new Set<string>()
  const staff = (input.staff ?? []).map((member): OfflineBundleStaff => {
    if (typeof member.id !== "string" || member.id.length === 0) throw new OfflineFormatError("staff id must be a non-empty string")
    if (seen.has(member.id)) throw new OfflineFormatError(`staff ${member.id} appears twice`)
    seen.add(member.id)
    if (typeof member.name !== "string") throw new OfflineFormatError(`staff ${member.id} name must be a string`)
    if (member.role !== "cashier" && member.role !== "manager") {
      throw new OfflineFormatError(`staff ${member.id} role must be cashier or manager`)
    }
    const sealed = bytesOf(member.sealed, `staff ${member.id} sealed`, OFFLINE_SEALED_BYTES)
    if (sealed[0] !== OFFLINE_SEALED_VERSION) throw new OfflineFormatError(`staff ${member.id} sealed key has an unknown version`)
    return {
      id: member.id,
      name: member.name,
      role: member.role,
      salt: toBase64Url(bytesOf(member.salt, `staff ${member.id} salt`, OFFLINE_SALT_BYTES)),
      sealed: toBase64Url(sealed),
    }
  })
  return {
    format: bundleFormatVersion,
    device_id: input.device_id,
    stock_location_id: input.stock_location_id,
    issued_at: issuedAt.toISOString(),
    expires_at: expiresAt.toISOString(),
    scrypt: { N: params.N, r: params.r, p: params.p },
    sync_public_key: toBase64Url(bytesOf(input.sync_public_key, "sync public key", 32)),
    staff,
  }
}

/** A bundle is usable while now < expires_at; from expires_at on, the tablet stops offline work. */
export function isBundleExpired(bundle: Pick<OfflineBundle, "expires_at">, now: Date = new Date()): boolean {
  const expiresAt = Date.parse(bundle.expires_at)
  if (Number.isNaN(expiresAt)) return true
  return now.getTime() >= expiresAt
}

function toDate(value: Date | string, what: string): Date {
  const date = value instanceof Date ? value : new Date(value)
  if (Number.isNaN(date.getTime())) throw new OfflineFormatError(`${what} is not a date`)
  return date
}
