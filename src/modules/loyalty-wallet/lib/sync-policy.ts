import { WALLET_REQUEST_TIMEOUT_MS } from "./wallet-api"

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

/**
 * What made a pass sync run: a ledger event name, or one of the plugin's own reasons.
 * Reservations and releases follow cart activity (apply a reward, remove it, abandon the
 * cart): they update the balance on the pass but never spend one of the 3 daily notifications.
 */
export type WalletSyncTrigger = string
export const QUIET_SYNC_TRIGGERS: readonly string[] = ["loyalty.points_reserved", "loyalty.points_released"]

/** Whether a sync with this trigger may ask Google to notify the holder of a new balance. */
export const triggerMayNotify = (trigger: WalletSyncTrigger | undefined) => !QUIET_SYNC_TRIGGERS.includes(trigger ?? "")

const BASE_DELAY_MS = 60 * 1000
const MAX_DELAY_MS = 6 * 60 * 60 * 1000

/** When a pass whose sync failed `attempts` times is tried again: 1 min, 2, 4, ... up to 6 h. */
export function nextAttemptAt(attempts: number, now: Date) {
  const delay = Math.min(BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS)
  return new Date(now.getTime() + delay)
}

/**
 * Requests one sync makes at most while it holds the pass's lock: a token, then the class and the
 * object, each a write that may be followed by a second one (insert after a 404, patch after a 409).
 */
export const MAX_WALLET_REQUESTS_PER_SYNC = 5
/** The longest a sync can hold its lock: every request waiting its full timeout, plus database work. */
export const WORST_CASE_SYNC_HOLD_MS = MAX_WALLET_REQUESTS_PER_SYNC * WALLET_REQUEST_TIMEOUT_MS + 20_000
/** The lock expires after this, so a crashed process cannot block a pass forever; longer than any live hold. */
export const SYNC_LOCK_TTL_SECONDS = 120
/**
 * How long a balance event's sync waits for the pass's lock: beyond the lock's expiry, so it
 * never gives up while another sync is still legitimately running.
 */
export const SYNC_LOCK_WAIT_SECONDS = SYNC_LOCK_TTL_SECONDS + 10
/** The shopper waits for the save link: a short wait, then the request fails and may be retried. */
export const SAVE_LINK_LOCK_WAIT_SECONDS = 30
/** The retry job does not queue behind a running sync: the pass stays due for its next run. */
export const RETRY_JOB_LOCK_WAIT_SECONDS = 1

/** The lock that makes an account's pass syncs run one at a time. */
export const walletPassLockKey = (accountId: string) => `rewardflow:wallet-pass:${accountId}`
/** The lock that makes a program's class writes (outside pass syncs) run one at a time. */
export const walletClassLockKey = (programId: string) => `rewardflow:wallet-class:${programId}`
