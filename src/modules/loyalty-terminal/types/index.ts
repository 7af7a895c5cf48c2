export type StaffRole = "cashier" | "manager"

/** A device as routes show it (never the token or its hash). */
export type TerminalDeviceView = {
  id: string
  stock_location_id: string
  name: string
  token_rotated_at: Date | null
  revoked_at: Date | null
  revoked_by: string | null
  last_seen_at: Date | null
  metadata: Record<string, unknown> | null
  created_at: Date
}

/** A staff member as routes show them (never the PIN, its hash or the offline salt). */
export type TerminalStaffView = {
  id: string
  name: string
  role: StaffRole
  stock_location_ids: string[]
  user_id: string | null
  pin_changed_at: Date | null
  /** Failures counted in the current window (0 once the window is over). */
  failed_count: number
  /** Set while the PIN is locked, null otherwise. */
  locked_until: Date | null
  lock_count: number
  last_locked_at: Date | null
  created_at: Date
}

export type TerminalSessionView = { id: string; device_id: string; staff_id: string; expires_at: Date; ended_at: Date | null; ended_reason: string | null }

/** Who acted on a PIN: an admin user or a manager's session. */
export type PinActor = { user_id?: string | null; staff_id?: string | null; device_id?: string | null }

/** A PIN check's result. A lock is written (and the event due) when `locked_now`. */
export type PinCheckOutcome =
  | { ok: true; staff: TerminalStaffView }
  | { ok: false; reason: "pin_incorrect"; staff_id: string; attempts_left: number; locked_now: false }
  | { ok: false; reason: "staff_locked"; staff_id: string; locked_until: Date; lock_count: number; locked_now: boolean }

export type ReportedAttempt = { attempt_id: string; at?: string | null }
