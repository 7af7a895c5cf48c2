import { model } from "@medusajs/framework/utils"

export const EMAIL_LOG_STATUSES = ["queued", "sending", "sent", "retrying", "failed"] as const

/**
 * One logical email and its delivery attempts. The row is written (`queued`) with the
 * rendered message before anything is sent; `idempotency_key` is UNIQUE, so a redelivered
 * event finds the row instead of sending again. `message_id` is fixed at queue time and sent
 * as the Message-ID header on every attempt, so a duplicate after a crash is recognisable.
 * A sender claims the row (`sending`, `lease_until`); a claim whose lease ran out is taken
 * over by the retry job. `attempt_history` keeps each attempt's outcome (the columns show the
 * latest), so a merchant can see why the first tries failed after a later one succeeded.
 */
export const EmailLog = model
  .define("loyalty_email_log", {
    id: model.id({ prefix: "lmlog" }).primaryKey(),
    idempotency_key: model.text(),
    template_key: model.text(),
    locale: model.text().nullable(),
    recipient: model.text(),
    subject: model.text(),
    html_body: model.text(),
    text_body: model.text(),
    message_id: model.text(),
    status: model.enum([...EMAIL_LOG_STATUSES]).default("queued"),
    attempts: model.number().default(0),
    provider: model.text().nullable(),
    from_address: model.text().nullable(),
    provider_response: model.text().nullable(),
    error: model.text().nullable(),
    next_attempt_at: model.dateTime().nullable(),
    lease_until: model.dateTime().nullable(),
    sent_at: model.dateTime().nullable(),
    context: model.json().nullable(),
    /** Every attempt, oldest first: `{ at, status, provider, from_address, error, response }`. */
    attempt_history: model.json().nullable(),
  })
  .indexes([
    { name: "IDX_loyalty_email_log_idempotency_key", on: ["idempotency_key"], unique: true, where: null },
    { name: "IDX_loyalty_email_log_due", on: ["status", "next_attempt_at"], where: "status IN ('queued', 'sending', 'retrying')" },
    { name: "IDX_loyalty_email_log_created", on: ["created_at"] },
  ])
