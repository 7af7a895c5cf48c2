import { hkdfSync } from "node:crypto"
import { ENCRYPTION_KEY_ENV } from "../../../lib/layered-settings/secret-box"
import { syncPublicKeyOf } from "./offline"

/** The HKDF info string of the sync key; changing it changes the key (tablets fetch it anew with each bundle). */
export const SYNC_KEY_INFO = "rewardflow/terminal-sync-key/v1"

/**
 * The server's X25519 sync key pair, derived from the plugin's encryption key (option
 * `encryptionKey`, else env REWARDFLOW_ENCRYPTION_KEY; 32 bytes as 64 hex characters or base64):
 *
 *   private = HKDF-SHA256(ikm = encryption key, salt = empty, info = "rewardflow/terminal-sync-key/v1", L = 32)
 *
 * Nothing is stored. Any 32 bytes are an X25519 private key (the scalar is clamped when used).
 * Rotating the encryption key changes the sync key: signatures sealed to the old one no longer
 * open (sync them before rotating). Null without an encryption key: then no bundle is given.
 */
export function syncKeyPairFromConfig(optionKey: string | undefined, env: NodeJS.ProcessEnv = process.env): { privateKey: Buffer; publicKey: Buffer } | null {
  const raw = (optionKey || env[ENCRYPTION_KEY_ENV] || "").trim()
  if (!raw) return null
  const key = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, "hex") : Buffer.from(raw, "base64")
  if (key.length !== 32) return null
  const privateKey = Buffer.from(hkdfSync("sha256", key, Buffer.alloc(0), SYNC_KEY_INFO, 32))
  return { privateKey, publicKey: syncPublicKeyOf(privateKey) }
}
