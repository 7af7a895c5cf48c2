import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto"
import { MedusaError } from "@medusajs/framework/utils"

/** Env var that holds the key when the `encryptionKey` plugin option is not set. */
export const ENCRYPTION_KEY_ENV = "REWARDFLOW_ENCRYPTION_KEY"

const VERSION = "v1"
const HOW_TO = "generate one with `openssl rand -hex 32`"

/** Reads a 32-byte key written as 64 hex characters or as base64. */
function parseKey(raw: string, from: string): Buffer {
  const text = raw.trim()
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, "hex") : Buffer.from(text, "base64")
  if (key.length !== 32) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `medusa-plugin-rewardflow: ${from} must be a 32-byte key (64 hex characters or base64); ${HOW_TO}`
    )
  }
  return key
}

/**
 * AES-256-GCM for secrets saved from the admin (SMTP passwords, API keys, Wallet private keys).
 * Each value is bound to a context string (for example `loyalty_messaging.smtp_password`) as
 * associated data, so a sealed value copied into another field does not open.
 */
export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  /** The box for the plugin option `encryptionKey`, else `REWARDFLOW_ENCRYPTION_KEY`; null when neither is set. */
  static fromConfig(optionKey: string | undefined, env: NodeJS.ProcessEnv = process.env): SecretBox | null {
    if (optionKey) return new SecretBox(parseKey(optionKey, "option encryptionKey"))
    if (env[ENCRYPTION_KEY_ENV]) return new SecretBox(parseKey(env[ENCRYPTION_KEY_ENV]!, ENCRYPTION_KEY_ENV))
    return null
  }

  /** Refusal used when a secret is saved but no key is configured: nothing is stored in clear. */
  static missingKeyError(field: string) {
    return new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `${field} cannot be saved: no encryption key is configured. Set the plugin option encryptionKey or ${ENCRYPTION_KEY_ENV} (${HOW_TO}) and restart`
    )
  }

  seal(plain: string, context: string): string {
    const iv = randomBytes(12)
    const cipher = createCipheriv("aes-256-gcm", this.key, iv)
    cipher.setAAD(Buffer.from(context))
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()])
    return [VERSION, iv, cipher.getAuthTag(), body].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".")
  }

  open(sealed: string, context: string): string {
    const [version, iv, tag, body] = sealed.split(".")
    if (version !== VERSION || !iv || !tag || body === undefined) {
      throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `Stored secret ${context} is not a sealed value`)
    }
    try {
      const decipher = createDecipheriv("aes-256-gcm", this.key, Buffer.from(iv, "base64url"))
      decipher.setAAD(Buffer.from(context))
      decipher.setAuthTag(Buffer.from(tag, "base64url"))
      return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8")
    } catch {
      throw new MedusaError(
        MedusaError.Types.UNEXPECTED_STATE,
        `Stored secret ${context} cannot be decrypted: the encryption key changed since it was saved. Save the secret again in the admin`
      )
    }
  }
}
