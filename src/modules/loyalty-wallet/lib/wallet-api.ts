import { JWT } from "google-auth-library"
import type { ServiceAccountKey } from "./service-account"

/** Google's token endpoint, which google-auth-library calls (it is not configurable there). */
export const GOOGLE_TOKEN_URL = "https://oauth2.googleapis.com/token"
export const WALLET_SCOPE = "https://www.googleapis.com/auth/wallet_object.issuer"

/** Longest wait for one answer from Google (token request or Wallet API call). */
export const WALLET_REQUEST_TIMEOUT_MS = 10_000

export type WalletResourceKind = "loyaltyClass" | "loyaltyObject"

/** A failed Wallet call: HTTP status and Google's `error.status` when there was an answer. */
export class WalletApiError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly googleStatus: string | null
  ) {
    super(message)
    this.name = "WalletApiError"
  }

  /**
   * Google could not be reached or is failing (no answer, timeout, 5xx, 429): trying other passes
   * now is pointless, and a save link falls back to carrying the whole pass.
   */
  get unreachable() {
    return this.status === null || this.status >= 500 || this.status === 429
  }
}

/** Whether an error says Google cannot be reached right now (see `WalletApiError.unreachable`). */
export const isWalletUnreachable = (e: unknown) => e instanceof WalletApiError && e.unreachable

type Endpoints = { api_base_url: string; token_url: string }

/**
 * The Google Wallet REST API (loyaltyClass / loyaltyObject get, insert, patch) through
 * google-auth-library's JWT client: it signs the JWT-bearer assertion with the service account
 * key, gets and caches the OAuth token, and sends it with each request.
 */
export class GoogleWalletApi {
  private constructor(
    private readonly auth: JWT,
    private readonly baseUrl: string,
    private readonly timeoutMs: number
  ) {}

  /** `timeoutMs` bounds every request, the token request included (default 10 s). */
  static create(key: ServiceAccountKey, endpoints: Endpoints, timeoutMs = WALLET_REQUEST_TIMEOUT_MS) {
    const auth = new JWT({
      email: key.client_email,
      key: key.private_key,
      keyId: key.private_key_id,
      scopes: [WALLET_SCOPE],
      // The token request goes through this transporter: without a timeout a silent token
      // endpoint would hold the pass's sync lock forever. Failures are retried by the plugin's
      // own job, with backoff; no hidden retries here.
      transporterOptions: { timeout: timeoutMs, retryConfig: { retry: 0 } },
    })
    if (endpoints.token_url !== GOOGLE_TOKEN_URL) {
      // google-auth-library 10 posts the assertion to a fixed URL; the option moves only that URL.
      const tokenUrl = new URL(endpoints.token_url)
      auth.transporter.interceptors.request.add({
        resolved: async (config) => {
          if (String(config.url) === GOOGLE_TOKEN_URL) config.url = tokenUrl
          return config
        },
      })
    }
    return new GoogleWalletApi(auth, endpoints.api_base_url, timeoutMs)
  }

  /** Obtains a token (or reuses a valid one); throws WalletApiError with Google's reason. */
  async authorize(): Promise<void> {
    try {
      await this.auth.authorize()
    } catch (e) {
      throw toWalletError(e, "OAuth token request")
    }
  }

  /** The resource, or null when Google answers 404. */
  async get<T = Record<string, any>>(kind: WalletResourceKind, id: string): Promise<T | null> {
    try {
      return await this.call<T>("GET", `${kind}/${encodeURIComponent(id)}`)
    } catch (e) {
      if (e instanceof WalletApiError && e.status === 404) return null
      throw e
    }
  }

  async insert<T = Record<string, any>>(kind: WalletResourceKind, body: Record<string, unknown>): Promise<T> {
    return await this.call<T>("POST", kind, body)
  }

  async patch<T = Record<string, any>>(kind: WalletResourceKind, id: string, body: Record<string, unknown>): Promise<T> {
    return await this.call<T>("PATCH", `${kind}/${encodeURIComponent(id)}`, body)
  }

  /**
   * Writes a resource whether or not Google has it: patches when it is expected to exist
   * (inserting on 404), else inserts (patching on 409 ALREADY_EXISTS, e.g. when another sync
   * or the shopper's save created it meanwhile). `patchExtra` goes only into a patch
   * (`notifyPreference`: an insert notifies nobody).
   */
  async upsert(
    kind: WalletResourceKind,
    body: Record<string, unknown> & { id: string },
    opts: { expectExisting: boolean; patchExtra?: Record<string, unknown> }
  ): Promise<{ inserted: boolean }> {
    const patch = () => this.patch(kind, body.id, { ...body, ...opts.patchExtra })
    const insert = () => this.insert(kind, body)
    if (opts.expectExisting) {
      try {
        await patch()
        return { inserted: false }
      } catch (e) {
        if (!(e instanceof WalletApiError && e.status === 404)) throw e
        await insert()
        return { inserted: true }
      }
    }
    try {
      await insert()
      return { inserted: true }
    } catch (e) {
      if (!(e instanceof WalletApiError && e.status === 409)) throw e
      await patch()
      return { inserted: false }
    }
  }

  private async call<T>(method: "GET" | "POST" | "PATCH", path: string, data?: Record<string, unknown>): Promise<T> {
    try {
      const res = await this.auth.request<T>({
        url: `${this.baseUrl}/${path}`,
        method,
        data,
        responseType: "json",
        timeout: this.timeoutMs,
      })
      return res.data
    } catch (e) {
      throw toWalletError(e, `${method} ${path}`)
    }
  }
}

/** Google's error body (`{ error: { code, message, status } }` or OAuth's `{ error, error_description }`) as a message. */
function toWalletError(e: unknown, what: string): WalletApiError {
  if (e instanceof WalletApiError) return e
  const err = e as { response?: { status?: number; data?: any }; message?: string; code?: string }
  const status = err.response?.status ?? null
  const body = err.response?.data
  if (status !== null) {
    const google = body && typeof body === "object" ? body.error : null
    if (google && typeof google === "object") {
      return new WalletApiError(`${what} answered ${status} ${google.status ?? ""}: ${google.message ?? ""}`.replace(/ +:/, ":"), status, google.status ?? null)
    }
    if (typeof google === "string") {
      return new WalletApiError(`${what} answered ${status}: ${google}${body.error_description ? `: ${body.error_description}` : ""}`, status, google)
    }
    return new WalletApiError(`${what} answered ${status}`, status, null)
  }
  return new WalletApiError(`${what} failed: ${err.message ?? String(e)}`, null, err.code ?? null)
}
