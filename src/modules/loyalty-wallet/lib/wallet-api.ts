import { JWT } from "google-auth-library"
import type { ServiceAccountKey } from "./service-account"

/** Google's token endpoint, which google-auth-library calls (it is not configurable there). */
export const GOOGLE_TOKEN_URL = "https://oauth2.googleapis.com/token"
export const WALLET_SCOPE = "https://www.googleapis.com/auth/wallet_object.issuer"

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
}

type Endpoints = { api_base_url: string; token_url: string }

/**
 * The Google Wallet REST API (loyaltyClass / loyaltyObject get, insert, patch) through
 * google-auth-library's JWT client: it signs the JWT-bearer assertion with the service account
 * key, gets and caches the OAuth token, and sends it with each request.
 */
export class GoogleWalletApi {
  private constructor(
    private readonly auth: JWT,
    private readonly baseUrl: string
  ) {}

  static create(key: ServiceAccountKey, endpoints: Endpoints) {
    const auth = new JWT({
      email: key.client_email,
      key: key.private_key,
      keyId: key.private_key_id,
      scopes: [WALLET_SCOPE],
      // Failures are retried by the plugin's own job, with backoff; no hidden retries here.
      transporterOptions: { retryConfig: { retry: 0 } },
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
    return new GoogleWalletApi(auth, endpoints.api_base_url)
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

  private async call<T>(method: "GET" | "POST" | "PATCH", path: string, data?: Record<string, unknown>): Promise<T> {
    try {
      const res = await this.auth.request<T>({
        url: `${this.baseUrl}/${path}`,
        method,
        data,
        responseType: "json",
        timeout: 15_000,
      })
      return res.data
    } catch (e) {
      throw toWalletError(e, `${method} ${path}`)
    }
  }
}

/** Google's error body (`{ error: { code, message, status } }` or OAuth's `{ error, error_description }`) as a message. */
function toWalletError(e: unknown, what: string): WalletApiError {
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
