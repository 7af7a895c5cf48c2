/** Google sends at most 3 update notifications per pass in 24 hours. */
export const NOTIFICATIONS_PER_DAY = 3
const DAY_MS = 24 * 60 * 60 * 1000

/**
 * Whether this update may ask Google to notify the holder, given when earlier notified
 * updates were sent; returns the times still inside the rolling 24-hour window.
 */
export function notificationAllowance(sentAt: string[] | undefined, now: Date) {
  const recent = (sentAt ?? []).filter((t) => now.getTime() - new Date(t).getTime() < DAY_MS)
  return { notify: recent.length < NOTIFICATIONS_PER_DAY, recent }
}

const BASE_DELAY_MS = 60 * 1000
const MAX_DELAY_MS = 6 * 60 * 60 * 1000

/** When a pass whose sync failed `attempts` times is tried again: 1 min, 2, 4, ... up to 6 h. */
export function nextAttemptAt(attempts: number, now: Date) {
  const delay = Math.min(BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS)
  return new Date(now.getTime() + delay)
}
