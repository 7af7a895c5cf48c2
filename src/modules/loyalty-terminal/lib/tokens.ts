import { createHash, randomBytes, randomInt } from "node:crypto"

/** Pairing codes use letters and digits that cannot be mistaken for one another (no 0/O, 1/I/L). */
export const PAIRING_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
export const PAIRING_CODE_LENGTH = 8

export const sha256Hex = (value: string) => createHash("sha256").update(value).digest("hex")

/** A device or session token: 32 random bytes, base64url. */
export const newToken = () => randomBytes(32).toString("base64url")

export function newPairingCode(): string {
  let code = ""
  for (let i = 0; i < PAIRING_CODE_LENGTH; i++) code += PAIRING_ALPHABET[randomInt(PAIRING_ALPHABET.length)]
  return code
}

/** What a person types: case, spaces and dashes do not matter. */
export const normalizePairingCode = (code: string) => code.toUpperCase().replace(/[\s-]/g, "")
