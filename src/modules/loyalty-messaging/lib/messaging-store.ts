import { createHash } from "node:crypto"
import type { Context } from "@medusajs/framework/types"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { generateEntityId, MedusaError } from "@medusajs/framework/utils"
import type { EmailLogDTO, OutgoingEmail } from "../types"

const TABLE = "loyalty_email_log"

/** Message-ID derived from the idempotency key: every attempt of one mail carries the same one. */
export function stableMessageId(idempotencyKey: string): string {
  return `<${createHash("sha256").update(idempotencyKey).digest("hex").slice(0, 40)}@rewardflow>`
}

/**
 * The module's SQL, on the caller's transaction: the email log, expiry notices and the
 * settings overrides. Claiming is one conditional UPDATE, so
 * two senders (a subscriber and the retry job, or two workers) never both get the same mail.
 */
export class MessagingStore {
  constructor(private readonly knex: Knex.Transaction) {}

  static of(sharedContext: Context): MessagingStore {
    const manager = sharedContext.transactionManager as { getTransactionContext(): Knex.Transaction | undefined } | undefined
    const knex = manager?.getTransactionContext?.()
    if (!knex) throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "Email log changes must run inside a transaction")
    return new MessagingStore(knex)
  }

  /** Writes the mail as `queued` unless its key is already logged; returns the row either way. */
  async queue(message: OutgoingEmail): Promise<{ log: EmailLogDTO; created: boolean }> {
    const inserted = await this.knex.raw(
      `INSERT INTO ${TABLE} (id, idempotency_key, template_key, locale, recipient, subject, html_body, text_body,
         message_id, status, attempts, context, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', 0, ?, now(), now())
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING *`,
      [
        generateEntityId(undefined, "lmlog"),
        message.idempotency_key,
        message.template_key,
        message.locale,
        message.recipient,
        message.subject,
        message.html_body,
        message.text_body,
        stableMessageId(message.idempotency_key),
        message.context ? JSON.stringify(message.context) : null,
      ]
    )
    if (inserted.rows[0]) return { log: inserted.rows[0], created: true }
    const existing = await this.knex(TABLE).where({ idempotency_key: message.idempotency_key }).first()
    return { log: existing, created: false }
  }

  /**
   * Takes a mail for sending: a queued one, a retrying one whose time has come, or one whose
   * sender's lease ran out (it crashed or hung). Null when it is sent, failed, not due, or
   * held by another sender.
   */
  async claim(id: string, leaseSeconds: number): Promise<EmailLogDTO | null> {
    const { rows } = await this.knex.raw(
      `UPDATE ${TABLE}
          SET status = 'sending', attempts = attempts + 1, updated_at = now(),
              lease_until = now() + make_interval(secs => ?)
        WHERE id = ? AND deleted_at IS NULL
          AND (status = 'queued'
               OR (status = 'retrying' AND (next_attempt_at IS NULL OR next_attempt_at <= now()))
               OR (status = 'sending' AND lease_until < now()))
        RETURNING *`,
      [leaseSeconds, id]
    )
    return rows[0] ?? null
  }

  /**
   * Takes a failed mail for one more attempt, asked for by a person ("send again"): the same
   * row, idempotency key and Message-ID, so the mail is sent again once and never duplicated; a
   * second request (a double click, another admin) finds it no longer failed and gets null.
   * The request is kept in `context.resends` (`{ at, by, attempt }`). `rewrite` replaces the
   * rendered message (a settings test mail states the settings of its attempt).
   */
  async claimFailed(
    id: string,
    leaseSeconds: number,
    actorId: string | null,
    rewrite?: { subject: string; html_body: string; text_body: string; context: Record<string, unknown> }
  ): Promise<EmailLogDTO | null> {
    const { rows } = await this.knex.raw(
      `UPDATE ${TABLE}
          SET status = 'sending', attempts = attempts + 1, updated_at = now(), next_attempt_at = NULL,
              lease_until = now() + make_interval(secs => ?),
              subject = coalesce(?, subject), html_body = coalesce(?, html_body), text_body = coalesce(?, text_body),
              context = coalesce(?::jsonb, context, '{}'::jsonb) || jsonb_build_object('resends',
                coalesce(context->'resends', '[]'::jsonb) || jsonb_build_array(jsonb_build_object(
                  'at', now(), 'by', ?::text, 'attempt', attempts + 1)))
        WHERE id = ? AND deleted_at IS NULL AND status = 'failed'
        RETURNING *`,
      [
        leaseSeconds,
        rewrite?.subject ?? null,
        rewrite?.html_body ?? null,
        rewrite?.text_body ?? null,
        rewrite ? JSON.stringify(rewrite.context) : null,
        actorId,
        id,
      ]
    )
    return rows[0] ?? null
  }

  /**
   * Records the outcome of the attempt this sender claimed, only while the row still holds
   * that claim (`attempts` is the fencing token: a takeover increments it). `recorded` is false
   * when the lease had run out and another attempt took the mail over: its state stands.
   */
  async finish(
    id: string,
    attempt: number,
    outcome: {
      status: "sent" | "retrying" | "failed"
      provider: string | null
      from_address: string | null
      provider_response?: string | null
      error?: string | null
      retry_in_seconds?: number
    }
  ): Promise<{ log: EmailLogDTO | null; recorded: boolean }> {
    const { rows } = await this.knex.raw(
      `UPDATE ${TABLE}
          SET status = ?, provider = ?, from_address = ?, provider_response = ?, error = ?,
              attempt_history = coalesce(attempt_history, '[]'::jsonb) || jsonb_build_array(jsonb_build_object(
                'at', now(), 'status', ?::text, 'provider', ?::text, 'from_address', ?::text,
                'error', ?::text, 'response', ?::text)),
              lease_until = NULL, updated_at = now(),
              sent_at = CASE WHEN ? = 'sent' THEN now() ELSE sent_at END,
              next_attempt_at = CASE WHEN ? = 'retrying' THEN now() + make_interval(secs => ?) ELSE NULL END
        WHERE id = ? AND status = 'sending' AND attempts = ?
        RETURNING *`,
      [
        outcome.status,
        outcome.provider,
        outcome.from_address,
        outcome.provider_response ?? null,
        outcome.error ?? null,
        outcome.status,
        outcome.provider,
        outcome.from_address,
        outcome.error ?? null,
        outcome.provider_response ?? null,
        outcome.status,
        outcome.status,
        outcome.retry_in_seconds ?? 0,
        id,
        attempt,
      ]
    )
    if (!rows[0]) return { log: (await this.knex(TABLE).where({ id }).first()) ?? null, recorded: false }
    return { log: rows[0], recorded: true }
  }

  /**
   * One-shot mails (context.one_shot: the settings test mail, whose body states the settings
   * of its request) left queued or sending by a crash are never retried: marked failed.
   */
  async abandonStaleOneShots(leaseSeconds: number) {
    await this.knex.raw(
      `UPDATE ${TABLE}
          SET status = 'failed', lease_until = NULL, updated_at = now(),
              error = 'not sent: the request that queued this one-shot mail ended before it was sent, and it is never retried'
        WHERE deleted_at IS NULL AND context->>'one_shot' = 'true'
          AND ((status = 'sending' AND lease_until < now())
               OR (status = 'queued' AND created_at < now() - make_interval(secs => ?)))`,
      [leaseSeconds]
    )
  }

  /** Ids of mails the retry job should try now, oldest due first. */
  async due(limit: number, leaseSeconds: number): Promise<string[]> {
    const { rows } = await this.knex.raw(
      `SELECT id FROM ${TABLE}
        WHERE deleted_at IS NULL AND coalesce(context->>'one_shot', '') <> 'true'
          AND ((status = 'retrying' AND next_attempt_at <= now())
               OR (status = 'sending' AND lease_until < now())
               OR (status = 'queued' AND created_at < now() - make_interval(secs => ?)))
        ORDER BY coalesce(next_attempt_at, lease_until, created_at)
        LIMIT ?`,
      [leaseSeconds, limit]
    )
    return rows.map((r: { id: string }) => r.id)
  }

  /** Serialises saves of the settings (the first save creates the single row). */
  async lockSettings() {
    await this.knex.raw("select pg_advisory_xact_lock(hashtext('rewardflow:email-settings'))")
  }

  /**
   * Replaces the stored overrides as a whole. (The generated update merges json objects,
   * so a removed override would survive it.)
   */
  async replaceSettingsOverrides(id: string, overrides: Record<string, unknown>, actorId: string | null) {
    await this.knex.raw(
      `UPDATE loyalty_email_settings SET overrides = ?::jsonb, updated_by = ?, updated_at = now() WHERE id = ?`,
      [JSON.stringify(overrides), actorId, id]
    )
  }

  /** Inserts expiry notices not sent before; returns only the new ones. */
  async insertExpiryNotices(notices: { account_id: string; expires_on: string; points: number }[]) {
    if (!notices.length) return []
    const rows = notices.map((n) => ({ id: generateEntityId(undefined, "lmexp"), ...n }))
    const { rows: created } = await this.knex.raw(
      `INSERT INTO loyalty_expiry_notice (id, account_id, expires_on, points, created_at, updated_at)
       SELECT x.id, x.account_id, x.expires_on, x.points, now(), now()
         FROM jsonb_to_recordset(?::jsonb) AS x(id text, account_id text, expires_on text, points integer)
       ON CONFLICT (account_id, expires_on) DO NOTHING
       RETURNING id, account_id, expires_on, points`,
      [JSON.stringify(rows)]
    )
    return created as { id: string; account_id: string; expires_on: string; points: number }[]
  }
}
