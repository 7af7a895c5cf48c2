import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261125165223 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "loyalty_wallet_settings" drop constraint if exists "loyalty_wallet_settings_scope_unique";`);
    this.addSql(`alter table if exists "loyalty_wallet_pass" drop constraint if exists "loyalty_wallet_pass_account_id_unique";`);
    this.addSql(`alter table if exists "loyalty_wallet_class" drop constraint if exists "loyalty_wallet_class_program_id_unique";`);
    this.addSql(`create table if not exists "loyalty_wallet_class" ("id" text not null, "program_id" text not null, "class_id" text not null, "payload_hash" text null, "synced_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_wallet_class_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_loyalty_wallet_class_program_id_unique" ON "loyalty_wallet_class" ("program_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_wallet_class_deleted_at" ON "loyalty_wallet_class" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "loyalty_wallet_pass" ("id" text not null, "account_id" text not null, "program_id" text not null, "class_id" text not null, "object_id" text not null, "synced_balance" integer null, "payload_hash" text null, "out_of_date" boolean not null default false, "attempts" integer not null default 0, "next_attempt_at" timestamptz null, "last_error" text null, "notifications" jsonb not null default '{"sent_at":[]}', "last_synced_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_wallet_pass_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_loyalty_wallet_pass_account_id_unique" ON "loyalty_wallet_pass" ("account_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_wallet_pass_deleted_at" ON "loyalty_wallet_pass" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_wallet_pass_retry" ON "loyalty_wallet_pass" ("next_attempt_at") WHERE out_of_date = true AND deleted_at IS NULL;`);

    this.addSql(`create table if not exists "loyalty_wallet_settings" ("id" text not null, "scope" text not null, "overrides" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_wallet_settings_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_loyalty_wallet_settings_scope_unique" ON "loyalty_wallet_settings" ("scope") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_wallet_settings_deleted_at" ON "loyalty_wallet_settings" ("deleted_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "loyalty_wallet_class" cascade;`);

    this.addSql(`drop table if exists "loyalty_wallet_pass" cascade;`);

    this.addSql(`drop table if exists "loyalty_wallet_settings" cascade;`);
  }

}
