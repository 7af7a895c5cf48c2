import type { EmailLogDTO } from "../../modules/loyalty-messaging/types"
import { sdk } from "./sdk"

/** The statuses a logged mail goes through (queued -> sending -> sent | retrying -> ... | failed). */
export const EMAIL_LOG_STATUSES = ["queued", "sending", "sent", "retrying", "failed"] as const
export type EmailLogStatus = (typeof EMAIL_LOG_STATUSES)[number]

/** One attempt as the log keeps it, oldest first. */
export type EmailAttempt = NonNullable<EmailLogDTO["attempt_history"]>[number]

/** A mail as GET /admin/loyalty/email/logs answers it (no rendered bodies; dates as ISO strings). */
export type EmailLogEntry = Omit<EmailLogDTO, "html_body" | "text_body" | "lease_until" | "next_attempt_at" | "sent_at" | "created_at" | "updated_at" | "context"> & {
  next_attempt_at: string | null
  sent_at: string | null
  created_at: string
  updated_at: string
  context: { one_shot?: boolean; resends?: { at: string; by: string | null; attempt: number }[] } | null
}

export type EmailLogPage = { emails: EmailLogEntry[]; count: number; limit: number; offset: number }

export const emailLogKeys = {
  all: ["rewardflow", "email-log"] as const,
  page: (status: string | null, offset: number, limit: number) => ["rewardflow", "email-log", status, offset, limit] as const,
}

/** One page of the log, newest first, optionally of one status. */
export async function fetchEmailLog(query: { status: EmailLogStatus | null; offset: number; limit: number }) {
  return await sdk.client.fetch<EmailLogPage>("/admin/loyalty/email/logs", {
    query: { limit: query.limit, offset: query.offset, ...(query.status ? { status: query.status } : {}) },
  })
}

/** "Send again" for a failed mail: answers the mail as the log now has it (409 when it is not failed). */
export async function resendEmail(id: string) {
  const { email } = await sdk.client.fetch<{ email: EmailLogEntry }>(`/admin/loyalty/email/logs/${id}/resend`, { method: "POST", body: {} })
  return email
}
