import { isRewardFlowReason, type RewardFlowReason, type RewardFlowReasonDetails } from "./reasons"

type Body = Record<string, unknown>

/**
 * A store route answered a status of 300 or more. `reason` is the route's stable code (null when
 * the body had none: a 5xx, a proxy's error page, a reason newer than this client), `details`
 * the other fields of the body (`points_missing`, `min_subtotal`, ...), `message` the route's
 * own message. `status` and `statusText` are those of js-sdk's FetchError, kept as `cause`.
 */
export class RewardFlowError extends Error {
  override readonly name = "RewardFlowError"
  readonly status: number
  readonly statusText: string | undefined
  readonly reason: RewardFlowReason | null
  /** Medusa's error type (`not_allowed`, `invalid_data`, `unauthorized`, ...), when the body had one. */
  readonly type: string | null
  /** The body's fields besides `type`, `message` and `reason`. */
  readonly details: Record<string, unknown>
  /** The parsed error body as the server sent it; null when it was not a JSON object. */
  readonly body: Body | null
  readonly cause: unknown

  constructor(init: { status: number; statusText?: string; message: string; body: Body | null; cause?: unknown }) {
    const { type, message, reason, ...details } = init.body ?? {}
    super(typeof message === "string" && message ? message : init.message)
    this.status = init.status
    this.statusText = init.statusText
    this.reason = isRewardFlowReason(reason) ? reason : null
    this.type = typeof type === "string" ? type : null
    this.details = details
    this.body = init.body
    this.cause = init.cause
  }
}

/** A RewardFlowError whose `reason` is `R`, with that reason's detail fields. */
export type RewardFlowRefusal<R extends RewardFlowReason = RewardFlowReason> = {
  [K in R]: RewardFlowError & { readonly reason: K; readonly details: RewardFlowReasonDetails[K] & Record<string, unknown> }
}[R]

/** Any RewardFlowError, as a union a `switch (error.reason)` narrows (details included). */
export type AnyRewardFlowError = RewardFlowRefusal | (RewardFlowError & { readonly reason: null })

/**
 * Whether `error` is a RewardFlowError (with `reason`: of that reason). Narrows it so that
 * `switch (error.reason)` gives each case its own `details`.
 */
export function isRewardFlowError(error: unknown): error is AnyRewardFlowError
export function isRewardFlowError<R extends RewardFlowReason>(error: unknown, ...reasons: R[]): error is RewardFlowRefusal<R>
export function isRewardFlowError(error: unknown, ...reasons: RewardFlowReason[]): boolean {
  if (!(error instanceof RewardFlowError) && !(error instanceof Error && error.name === "RewardFlowError" && "reason" in error)) {
    return false
  }
  return reasons.length === 0 || reasons.includes((error as RewardFlowError).reason as RewardFlowReason)
}

/** js-sdk's FetchError (matched by shape: the client imports nothing from js-sdk at runtime). */
export function isFetchError(error: unknown): error is Error & { status: number; statusText?: string } {
  return error instanceof Error && typeof (error as { status?: unknown }).status === "number"
}

/** The error body of a response, parsed; null when it is not a JSON object. */
export async function readErrorBody(response: Response | undefined): Promise<Body | null> {
  if (!response) return null
  try {
    const text = await response.text()
    const parsed: unknown = text ? JSON.parse(text) : null
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Body) : null
  } catch {
    return null
  }
}
