import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261203120201 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "loyalty_terminal_session" drop constraint if exists "loyalty_terminal_session_token_hash_unique";`);
    this.addSql(`alter table if exists "loyalty_terminal_pin_event" drop constraint if exists "loyalty_terminal_pin_event_attempt_id_unique";`);
    this.addSql(`alter table if exists "loyalty_terminal_pairing_code" drop constraint if exists "loyalty_terminal_pairing_code_code_hash_unique";`);
    this.addSql(`alter table if exists "loyalty_terminal_device" drop constraint if exists "loyalty_terminal_device_token_hash_unique";`);
    this.addSql(`create table if not exists "loyalty_terminal_device" ("id" text not null, "stock_location_id" text not null, "name" text not null, "token_hash" text not null, "token_rotated_at" timestamptz null, "revoked_at" timestamptz null, "revoked_by" text null, "last_seen_at" timestamptz null, "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_terminal_device_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_loyalty_terminal_device_token_hash_unique" ON "loyalty_terminal_device" ("token_hash") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_terminal_device_deleted_at" ON "loyalty_terminal_device" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_terminal_device_stock_location_id" ON "loyalty_terminal_device" ("stock_location_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "loyalty_terminal_pairing_code" ("id" text not null, "stock_location_id" text not null, "code_hash" text not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "device_id" text null, "created_by" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_terminal_pairing_code_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_loyalty_terminal_pairing_code_code_hash_unique" ON "loyalty_terminal_pairing_code" ("code_hash") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_terminal_pairing_code_deleted_at" ON "loyalty_terminal_pairing_code" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "loyalty_terminal_pin_event" ("id" text not null, "staff_id" text not null, "device_id" text null, "type" text check ("type" in ('failure', 'lock', 'unlock', 'success_reset', 'pin_reset', 'pin_changed')) not null, "attempt_id" text null, "actor_user_id" text null, "actor_staff_id" text null, "locked_until" timestamptz null, "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_terminal_pin_event_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_loyalty_terminal_pin_event_attempt_id_unique" ON "loyalty_terminal_pin_event" ("attempt_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_terminal_pin_event_deleted_at" ON "loyalty_terminal_pin_event" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_terminal_pin_event_staff_id" ON "loyalty_terminal_pin_event" ("staff_id", "created_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "loyalty_terminal_session" ("id" text not null, "device_id" text not null, "staff_id" text not null, "token_hash" text not null, "expires_at" timestamptz not null, "ended_at" timestamptz null, "ended_reason" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_terminal_session_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_loyalty_terminal_session_token_hash_unique" ON "loyalty_terminal_session" ("token_hash") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_terminal_session_deleted_at" ON "loyalty_terminal_session" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_terminal_session_staff_id" ON "loyalty_terminal_session" ("staff_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "loyalty_terminal_staff" ("id" text not null, "name" text not null, "role" text check ("role" in ('cashier', 'manager')) not null default 'cashier', "stock_location_ids" jsonb not null default '[]', "user_id" text null, "pin_hash" text not null, "pin_changed_at" timestamptz null, "failed_count" integer not null default 0, "window_started_at" timestamptz null, "locked_until" timestamptz null, "lock_count" integer not null default 0, "last_locked_at" timestamptz null, "offline_salt" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_terminal_staff_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_terminal_staff_deleted_at" ON "loyalty_terminal_staff" ("deleted_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "loyalty_terminal_device" cascade;`);

    this.addSql(`drop table if exists "loyalty_terminal_pairing_code" cascade;`);

    this.addSql(`drop table if exists "loyalty_terminal_pin_event" cascade;`);

    this.addSql(`drop table if exists "loyalty_terminal_session" cascade;`);

    this.addSql(`drop table if exists "loyalty_terminal_staff" cascade;`);
  }

}
