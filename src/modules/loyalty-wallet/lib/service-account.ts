import { readFileSync } from "node:fs"

/** The fields of a Google service account JSON key the plugin uses. */
export type ServiceAccountKey = {
  client_email: string
  private_key: string
  private_key_id?: string
}

export type ServiceAccountResult =
  | { ok: true; key: ServiceAccountKey; from: "service_account_json" | "key_file" }
  | { ok: false; from: "service_account_json" | "key_file" | null; problem: string; fix: string }

const DOWNLOAD_HINT =
  "In Google Cloud console open IAM & Admin > Service accounts > your account > Keys > Add key > JSON, and use the whole downloaded file"

/**
 * Where JSON.parse stopped, without the text itself: V8's messages may quote the input
 * (`Unexpected token ']', "...<key material>..." is not valid JSON`), and this text is a private key.
 */
export function jsonSyntaxProblem(e: unknown): string {
  const message = (e as Error)?.message ?? ""
  const position = /at position (\d+)/.exec(message)?.[1]
  if (position !== undefined) return `syntax error at position ${position}`
  if (/Unexpected end of JSON input/.test(message)) return "the text ends too early (is it cut off?)"
  return "syntax error"
}

/** Parses a service account key and says exactly what is wrong with it. */
export function parseServiceAccountJson(text: string, from: "service_account_json" | "key_file"): ServiceAccountResult {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    return { ok: false, from, problem: `${from} is not valid JSON (${jsonSyntaxProblem(e)})`, fix: DOWNLOAD_HINT }
  }
  if (!json || typeof json !== "object" || Array.isArray(json)) {
    return { ok: false, from, problem: `${from} must be a JSON object`, fix: DOWNLOAD_HINT }
  }
  const obj = json as Record<string, unknown>
  const missing = ["client_email", "private_key"].filter((k) => typeof obj[k] !== "string" || !(obj[k] as string).trim())
  if (missing.length) {
    return {
      ok: false,
      from,
      problem: `${from} has no ${missing.join(" and no ")} (is it a service account key? its "type" is ${JSON.stringify(obj.type ?? null)})`,
      fix: DOWNLOAD_HINT,
    }
  }
  return {
    ok: true,
    from,
    key: {
      client_email: String(obj.client_email),
      private_key: String(obj.private_key),
      private_key_id: typeof obj.private_key_id === "string" ? obj.private_key_id : undefined,
    },
  }
}

/** The key from the inline JSON when set, else from the key file. */
export function loadServiceAccount(values: { service_account_json?: string; key_file?: string }): ServiceAccountResult {
  if (values.service_account_json) return parseServiceAccountJson(values.service_account_json, "service_account_json")
  if (values.key_file) {
    let text: string
    try {
      text = readFileSync(values.key_file, "utf8")
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code
      return {
        ok: false,
        from: "key_file",
        problem: `key_file ${values.key_file} cannot be read (${code ?? (e as Error).message})`,
        fix: "Check the path and that the Medusa process may read the file",
      }
    }
    return parseServiceAccountJson(text, "key_file")
  }
  return {
    ok: false,
    from: null,
    problem: "no service account key is set",
    fix: "Set REWARDFLOW_GOOGLE_WALLET_SERVICE_ACCOUNT_JSON (or REWARDFLOW_GOOGLE_WALLET_KEY_FILE), the plugin option googleWallet.serviceAccountJson / keyFile, or save it in the admin",
  }
}
