/**
 * An account's blocks and unblocks, kept in its metadata under one key (the account has no column
 * for them): who changed the status, when, and why.
 */
export const STATUS_HISTORY_KEY = "rewardflow_status_history"

/** The newest changes kept; older ones fall off (the ledger, not this, is the audit of points). */
export const STATUS_HISTORY_LIMIT = 50

export type StatusChange = {
  status: "active" | "blocked"
  reason: string | null
  actor_user_id: string | null
  at: string
}

/** The history stored in an account's metadata, newest first (an unreadable value is none). */
export function statusHistory(metadata: Record<string, unknown> | null | undefined): StatusChange[] {
  const value = metadata?.[STATUS_HISTORY_KEY]
  return Array.isArray(value) ? (value as StatusChange[]) : []
}

/**
 * `metadata` with the history carried over and `change` (if any) added first: a caller writing
 * the metadata cannot erase the history by leaving the key out.
 */
export function withStatusChange(
  metadata: Record<string, unknown> | null | undefined,
  previousHistory: unknown,
  change: StatusChange | null
): Record<string, unknown> | null {
  const history = [...(change ? [change] : []), ...(Array.isArray(previousHistory) ? (previousHistory as StatusChange[]) : [])].slice(0, STATUS_HISTORY_LIMIT)
  const { [STATUS_HISTORY_KEY]: _ignored, ...rest } = metadata ?? {}
  if (!history.length) return metadata === null || metadata === undefined ? (metadata ?? null) : rest
  return { ...rest, [STATUS_HISTORY_KEY]: history }
}
