import { sign } from "node:crypto"
import type { ServiceAccountKey } from "./service-account"

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url")

/**
 * Google's advice: a JWT in a URL should stay under about 1,800 characters. A link to a pass
 * already written through the REST API ("skinny" JWT) stays far below it.
 */
export const SAVE_URL_MAX_LENGTH = 1800

export type SaveJwtInput = {
  key: ServiceAccountKey
  origins: string[]
  /** Omitted (skinny JWT) when the class was written through the REST API. */
  loyaltyClasses?: Record<string, unknown>[]
  /** Whole objects, or only `{ id, classId }` of objects written through the REST API. */
  loyaltyObjects: Record<string, unknown>[]
  now?: Date
}

/**
 * The "Add to Google Wallet" JWT: RS256-signed with the service account's private key, claims
 * `iss` (the service account email), `aud: "google"`, `typ: "savetowallet"`, `iat`, `origins`
 * and `payload` with the objects to save (and their classes, when not written beforehand).
 */
export function signSaveJwt(input: SaveJwtInput): string {
  const header = { alg: "RS256", typ: "JWT", ...(input.key.private_key_id ? { kid: input.key.private_key_id } : {}) }
  const claims = {
    iss: input.key.client_email,
    aud: "google",
    typ: "savetowallet",
    iat: Math.floor((input.now ?? new Date()).getTime() / 1000),
    origins: input.origins,
    payload: {
      ...(input.loyaltyClasses?.length ? { loyaltyClasses: input.loyaltyClasses } : {}),
      loyaltyObjects: input.loyaltyObjects,
    },
  }
  const signingInput = `${b64url(header)}.${b64url(claims)}`
  const signature = sign("RSA-SHA256", Buffer.from(signingInput), input.key.private_key).toString("base64url")
  return `${signingInput}.${signature}`
}

/** `https://pay.google.com/gp/v/save/<jwt>` (base overridable for tests). */
export const saveUrl = (base: string, jwt: string) => `${base.replace(/\/+$/, "")}/${jwt}`
