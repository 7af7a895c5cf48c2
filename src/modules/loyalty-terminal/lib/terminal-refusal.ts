import { MedusaError } from "@medusajs/framework/utils"

/**
 * The reasons the terminal routes (and the admin terminal routes) give for a refusal, with the
 * HTTP status and the figures that come with each. A tablet acts on `reason`, never on `message`.
 * The README's "In-store terminals" section lists them.
 */
export const TERMINAL_REFUSAL_REASONS = {
  invalid_request: { status: 400, fields: ["field", "errors"], description: "A field of the request is missing or wrong (a PIN that breaks a rule names `pin`)." },
  device_not_paired: { status: 401, fields: [], description: "No device token, or one that no device has (never paired, or rotated)." },
  device_revoked: { status: 403, fields: ["device_id"], description: "The device was revoked: pair it again." },
  pairing_code_invalid: { status: 400, fields: [], description: "No such pairing code." },
  pairing_code_expired: { status: 410, fields: ["expires_at"], description: "The pairing code is past its 10 minutes: ask for a new one." },
  pairing_code_used: { status: 410, fields: [], description: "The pairing code was already used." },
  pairing_rate_limited: { status: 429, fields: ["retry_after_ms"], description: "Too many wrong pairing codes from this address (or from everyone): wait `retry_after_ms`." },
  staff_not_found: { status: 404, fields: ["staff_id"], description: "No such staff member." },
  staff_not_in_store: { status: 403, fields: ["staff_id", "stock_location_id"], description: "The staff member may not work in the device's store (checked before the PIN; not a PIN failure)." },
  pin_incorrect: { status: 401, fields: ["attempts_left"], description: "Wrong PIN; `attempts_left` failures before the lock." },
  staff_locked: { status: 423, fields: ["staff_id", "locked_until"], description: "The staff member's PIN is locked until `locked_until`: every PIN is refused; a manager or admin can unlock." },
  session_required: { status: 401, fields: [], description: "The route needs a staff session: header X-Terminal-Session." },
  session_invalid: { status: 401, fields: [], description: "No session has this token on this device." },
  session_ended: { status: 401, fields: ["ended_reason"], description: "The session was ended (`signed_out`, `staff_locked`, `device_revoked`, `pin_changed`)." },
  session_expired: { status: 401, fields: ["expires_at"], description: "The session is past its end: open a new one with the PIN." },
  manager_required: { status: 403, fields: [], description: "Only a manager's session may do this." },
  stock_location_not_found: { status: 404, fields: ["stock_location_id"], description: "No such stock location (store)." },
  offline_not_configured: { status: 409, fields: [], description: "Offline mode needs the plugin option `encryptionKey` (the sync key is derived from it): no bundle is given without it." },
  offline_action_invalid: { status: 400, fields: ["field"], description: "In a sync result: the action is malformed, or names another device (`field`); kept for review when it has a client id." },
  offline_signature_invalid: { status: 401, fields: ["staff_id"], description: "In a sync result: the signature does not verify under the staff member's offline key (a wrong PIN on the tablet); counted as a failed PIN attempt; kept for review." },
  offline_bundle_expired: { status: 410, fields: ["created_at"], description: "In a sync result: the action's `created_at` is outside the lifetime of every bundle the device was given (worked on past its bundle's expiry); kept for review." },
  offline_action_unsupported: { status: 400, fields: ["type"], description: "In a sync result: an action type the server does not apply offline (only `award`); kept for review." },
  offline_action_resolved: { status: 409, fields: ["status"], description: "The offline action was already re-awarded or discarded." },
  not_found: { status: 404, fields: [], description: "What the request names does not exist." },
  not_allowed: { status: 400, fields: [], description: "Refused for a reason without a code of its own; the message says why." },
  conflict: { status: 409, fields: [], description: "The request conflicted with another one; the message says what to do." },
} as const satisfies Record<string, { status: number; fields: readonly string[]; description: string }>

export type TerminalRefusalReason = keyof typeof TERMINAL_REFUSAL_REASONS

export type TerminalRefusalDetails = Record<string, string | number | boolean | null | string[]>

export type TerminalRefusal = MedusaError & { reason: TerminalRefusalReason; status: number; details: TerminalRefusalDetails }

const TYPE_BY_STATUS: Record<number, string> = {
  400: MedusaError.Types.NOT_ALLOWED,
  401: MedusaError.Types.UNAUTHORIZED,
  403: MedusaError.Types.FORBIDDEN,
  404: MedusaError.Types.NOT_FOUND,
  409: MedusaError.Types.CONFLICT,
}

/** A terminal refusal: `reason`, `status` and `details` are own properties, so they survive a workflow step. */
export function terminalRefusal(reason: TerminalRefusalReason, message: string, details: TerminalRefusalDetails = {}): TerminalRefusal {
  const status = TERMINAL_REFUSAL_REASONS[reason].status
  const error = new MedusaError(TYPE_BY_STATUS[status] ?? MedusaError.Types.NOT_ALLOWED, message) as TerminalRefusal
  error.reason = reason
  error.status = status
  error.details = details
  return error
}

export function isTerminalRefusal(error: unknown): error is TerminalRefusal {
  const e = error as { reason?: unknown } | null
  return !!e && typeof e.reason === "string" && e.reason in TERMINAL_REFUSAL_REASONS
}
