import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261125164944 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "loyalty_email_log" ("id" text not null, "idempotency_key" text not null, "template_key" text not null, "locale" text null, "recipient" text not null, "subject" text not null, "html_body" text not null, "text_body" text not null, "message_id" text not null, "status" text check ("status" in ('queued', 'sending', 'sent', 'retrying', 'failed')) not null default 'queued', "attempts" integer not null default 0, "provider" text null, "from_address" text null, "provider_response" text null, "error" text null, "next_attempt_at" timestamptz null, "lease_until" timestamptz null, "sent_at" timestamptz null, "context" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_email_log_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_email_log_deleted_at" ON "loyalty_email_log" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_loyalty_email_log_idempotency_key" ON "loyalty_email_log" ("idempotency_key");`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_email_log_due" ON "loyalty_email_log" ("status", "next_attempt_at") WHERE status IN ('queued', 'sending', 'retrying') AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_email_log_created" ON "loyalty_email_log" ("created_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "loyalty_email_settings" ("id" text not null, "overrides" jsonb not null default '{}', "updated_by" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_email_settings_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_email_settings_deleted_at" ON "loyalty_email_settings" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "loyalty_email_template" ("id" text not null, "key" text not null, "locale" text not null, "subject" text not null, "html_body" text not null, "text_body" text not null, "is_active" boolean not null default true, "updated_by" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_email_template_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_email_template_deleted_at" ON "loyalty_email_template" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_loyalty_email_template_key_locale" ON "loyalty_email_template" ("key", "locale");`);

    this.addSql(`create table if not exists "loyalty_expiry_notice" ("id" text not null, "account_id" text not null, "expires_on" text not null, "points" integer not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_expiry_notice_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_expiry_notice_deleted_at" ON "loyalty_expiry_notice" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_loyalty_expiry_notice_account_day" ON "loyalty_expiry_notice" ("account_id", "expires_on");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "loyalty_email_log" cascade;`);

    this.addSql(`drop table if exists "loyalty_email_settings" cascade;`);

    this.addSql(`drop table if exists "loyalty_email_template" cascade;`);

    this.addSql(`drop table if exists "loyalty_expiry_notice" cascade;`);
  }

}
