import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261125152618 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "loyalty_account" drop constraint if exists "loyalty_account_card_number_unique";`);
    this.addSql(`create table if not exists "loyalty_program" ("id" text not null, "name" text not null, "status" text check ("status" in ('active', 'paused')) not null default 'active', "earn_rates" jsonb not null default '{}', "rounding" text check ("rounding" in ('floor', 'nearest')) not null default 'floor', "count_shipping" boolean not null default false, "count_taxes" boolean not null default false, "welcome_bonus_points" integer not null default 0, "points_validity_months" integer null, "auto_enroll" boolean not null default true, "default_locale" text not null default 'en', "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_program_pkey" primary key ("id"), constraint loyalty_program_welcome_bonus_non_negative check (welcome_bonus_points >= 0), constraint loyalty_program_validity_positive check (points_validity_months IS NULL OR points_validity_months > 0));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_program_deleted_at" ON "loyalty_program" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "loyalty_account" ("id" text not null, "customer_id" text not null, "card_number" text not null, "status" text check ("status" in ('active', 'blocked')) not null default 'active', "balance" integer not null default 0, "lifetime_earned" integer not null default 0, "enrolled_at" timestamptz not null, "locale" text null, "metadata" jsonb null, "program_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_account_pkey" primary key ("id"), constraint loyalty_account_balance_non_negative check (balance >= 0));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_loyalty_account_card_number_unique" ON "loyalty_account" ("card_number") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_account_program_id" ON "loyalty_account" ("program_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_account_deleted_at" ON "loyalty_account" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_loyalty_account_program_customer" ON "loyalty_account" ("program_id", "customer_id");`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_account_customer_id" ON "loyalty_account" ("customer_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "loyalty_point_lot" ("id" text not null, "entry_id" text not null, "points" integer not null, "remaining" integer not null, "expires_at" timestamptz null, "account_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_point_lot_pkey" primary key ("id"), constraint loyalty_point_lot_remaining_range check (remaining >= 0 AND remaining <= points));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_point_lot_account_id" ON "loyalty_point_lot" ("account_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_point_lot_deleted_at" ON "loyalty_point_lot" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_point_lot_account_expiry" ON "loyalty_point_lot" ("account_id", "expires_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_loyalty_point_lot_entry_id" ON "loyalty_point_lot" ("entry_id");`);

    this.addSql(`create table if not exists "loyalty_ledger_entry" ("id" text not null, "type" text check ("type" in ('earn', 'welcome_bonus', 'redeem', 'reserve', 'release', 'reverse', 'adjust', 'expire', 'transfer')) not null, "points" integer not null, "balance_after" integer not null, "shortfall" integer not null default 0, "source_type" text check ("source_type" in ('order', 'return', 'redemption', 'admin', 'terminal', 'job', 'enrollment')) not null, "source_id" text null, "idempotency_key" text not null, "reverses_entry_id" text null, "lot_allocations" jsonb null, "actor_user_id" text null, "actor_customer_id" text null, "actor_device_id" text null, "actor_staff_id" text null, "reason" text null, "metadata" jsonb null, "account_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_ledger_entry_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_ledger_entry_account_id" ON "loyalty_ledger_entry" ("account_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_ledger_entry_deleted_at" ON "loyalty_ledger_entry" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_loyalty_ledger_entry_idempotency_key" ON "loyalty_ledger_entry" ("idempotency_key");`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_ledger_entry_account_created" ON "loyalty_ledger_entry" ("account_id", "created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_ledger_entry_source" ON "loyalty_ledger_entry" ("source_type", "source_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_loyalty_ledger_entry_reverses_entry_id" ON "loyalty_ledger_entry" ("reverses_entry_id") WHERE reverses_entry_id IS NOT NULL AND deleted_at IS NULL;`);

    this.addSql(`alter table if exists "loyalty_account" add constraint "loyalty_account_program_id_foreign" foreign key ("program_id") references "loyalty_program" ("id") on update cascade;`);

    this.addSql(`alter table if exists "loyalty_point_lot" add constraint "loyalty_point_lot_account_id_foreign" foreign key ("account_id") references "loyalty_account" ("id") on update cascade;`);

    this.addSql(`alter table if exists "loyalty_ledger_entry" add constraint "loyalty_ledger_entry_account_id_foreign" foreign key ("account_id") references "loyalty_account" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "loyalty_account" drop constraint if exists "loyalty_account_program_id_foreign";`);

    this.addSql(`alter table if exists "loyalty_point_lot" drop constraint if exists "loyalty_point_lot_account_id_foreign";`);

    this.addSql(`alter table if exists "loyalty_ledger_entry" drop constraint if exists "loyalty_ledger_entry_account_id_foreign";`);

    this.addSql(`drop table if exists "loyalty_program" cascade;`);

    this.addSql(`drop table if exists "loyalty_account" cascade;`);

    this.addSql(`drop table if exists "loyalty_point_lot" cascade;`);

    this.addSql(`drop table if exists "loyalty_ledger_entry" cascade;`);
  }

}
