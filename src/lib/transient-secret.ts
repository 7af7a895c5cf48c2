import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto"
import { MedusaError } from "@medusajs/framework/utils"

/**
 * A secret that must cross a workflow (a PIN in, a session token out) without being written
 * anywhere: every workflow engine checkpoints a starting run's input to the database, and the
 * Redis engine keeps running executions in Redis. Sealed with AES-256-GCM under a key that lives
 * only in this process's memory, what a checkpoint holds is useless to anyone who reads it,
 * even with the database and the plugin's encryption key; it opens only in the process that
 * sealed it, which is the one running the request.
 */
export type TransientSecret = { transient: string }

const KEY = randomBytes(32)
const VERSION = "t1"

export function sealTransient(plain: string): TransientSecret {
  const iv = randomBytes(12)
  const cipher = createCipheriv("aes-256-gcm", KEY, iv)
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()])
  return { transient: [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".") }
}

/** The clear value; UNEXPECTED_STATE (naming the field, never the value) when it was not sealed by this process. */
export function openTransient(sealed: TransientSecret, field: string): string {
  try {
    const [version, iv, tag, body] = sealed.transient.split(".")
    if (version !== VERSION) throw new Error("version")
    const decipher = createDecipheriv("aes-256-gcm", KEY, Buffer.from(iv, "base64url"))
    decipher.setAuthTag(Buffer.from(tag, "base64url"))
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8")
  } catch {
    throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `${field} was sealed by another process (a run resumed elsewhere): send the request again`)
  }
}
