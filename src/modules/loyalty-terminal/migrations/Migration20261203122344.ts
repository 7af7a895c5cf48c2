import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261203122344 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "loyalty_terminal_offline_action" drop constraint if exists "loyalty_terminal_offline_action_client_id_unique";`);
    this.addSql(`create table if not exists "loyalty_terminal_offline_action" ("id" text not null, "client_id" text not null, "device_id" text not null, "stock_location_id" text not null, "staff_id" text null, "type" text not null, "action" jsonb not null, "status" text check ("status" in ('applied', 'pending_review', 'discarded')) not null, "reason" text null, "reason_details" jsonb null, "entry_id" text null, "resolved_by" text null, "resolved_at" timestamptz null, "resolution_note" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_terminal_offline_action_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_loyalty_terminal_offline_action_client_id_unique" ON "loyalty_terminal_offline_action" ("client_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_terminal_offline_action_deleted_at" ON "loyalty_terminal_offline_action" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_terminal_offline_action_status" ON "loyalty_terminal_offline_action" ("status", "created_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "loyalty_terminal_offline_bundle" ("id" text not null, "device_id" text not null, "issued_at" timestamptz not null, "expires_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_terminal_offline_bundle_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_terminal_offline_bundle_deleted_at" ON "loyalty_terminal_offline_bundle" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_terminal_offline_bundle_device_id" ON "loyalty_terminal_offline_bundle" ("device_id", "issued_at") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "loyalty_terminal_staff" add column if not exists "offline_sealed" text null, add column if not exists "offline_public_key" text null, add column if not exists "offline_scrypt" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "loyalty_terminal_offline_action" cascade;`);

    this.addSql(`drop table if exists "loyalty_terminal_offline_bundle" cascade;`);

    this.addSql(`alter table if exists "loyalty_terminal_staff" drop column if exists "offline_sealed", drop column if exists "offline_public_key", drop column if exists "offline_scrypt";`);
  }

}
