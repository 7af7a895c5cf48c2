import type { TerminalSettings } from "../options"

/** The lockout columns of a staff row. */
export type LockoutState = {
  failed_count: number
  window_started_at: Date | null
  locked_until: Date | null
  lock_count: number
  last_locked_at: Date | null
}

export const isLocked = (s: Pick<LockoutState, "locked_until">, now: Date) => !!s.locked_until && new Date(s.locked_until) > now

/**
 * One more failed PIN: counted in the window that started with the first failure (a failure
 * after the window starts a new one); the `maxPinFailures`th locks for `lockMinutes`, doubled for
 * each earlier lock (capped at `maxLockHours`). The doubling starts over once
 * `lockCountResetHours` passed since the last lock ended. A lock clears the count.
 */
export function afterFailure(s: LockoutState, now: Date, t: TerminalSettings): LockoutState & { locked_now: boolean } {
  const windowMs = t.failureWindowMinutes * 60_000
  const fresh = !s.window_started_at || now.getTime() - new Date(s.window_started_at).getTime() >= windowMs
  const failed = (fresh ? 0 : s.failed_count) + 1
  const window_started_at = fresh ? now : s.window_started_at
  if (failed < t.maxPinFailures) {
    return { failed_count: failed, window_started_at, locked_until: s.locked_until, lock_count: s.lock_count, last_locked_at: s.last_locked_at, locked_now: false }
  }
  // Measured from the end of the last lock (an unlock ends it early: locked_until is set to then).
  const decayed = !s.locked_until || now.getTime() - new Date(s.locked_until).getTime() >= t.lockCountResetHours * 3_600_000
  const lock_count = (decayed ? 0 : s.lock_count) + 1
  const minutes = Math.min(t.lockMinutes * 2 ** (lock_count - 1), t.maxLockHours * 60)
  return {
    failed_count: 0,
    window_started_at: null,
    locked_until: new Date(now.getTime() + minutes * 60_000),
    lock_count,
    last_locked_at: now,
    locked_now: true,
  }
}

/** Failures left before the lock, for the `attempts_left` of a refusal. */
export const attemptsLeft = (s: LockoutState, t: TerminalSettings) => Math.max(0, t.maxPinFailures - s.failed_count)
