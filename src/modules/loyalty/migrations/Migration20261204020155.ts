import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261204020155 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "loyalty_referral" ("id" text not null, "program_id" text not null, "referrer_account_id" text not null, "referee_customer_id" text not null, "referee_account_id" text null, "code" text not null, "status" text check ("status" in ('signed_up', 'qualified', 'rewarded', 'refused')) not null default 'signed_up', "refusal_reason" text null, "order_id" text null, "rewarded_at" timestamptz null, "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_referral_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_referral_deleted_at" ON "loyalty_referral" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_loyalty_referral_referee" ON "loyalty_referral" ("program_id", "referee_customer_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_referral_referrer" ON "loyalty_referral" ("referrer_account_id", "created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_referral_order" ON "loyalty_referral" ("order_id") WHERE order_id IS NOT NULL AND deleted_at IS NULL;`);

    this.addSql(`create table if not exists "loyalty_tier" ("id" text not null, "name" jsonb not null, "perks" jsonb null, "threshold" integer not null, "multiplier" real not null default 1, "color" text null, "metadata" jsonb null, "program_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_tier_pkey" primary key ("id"), constraint loyalty_tier_threshold_non_negative check (threshold >= 0), constraint loyalty_tier_multiplier_range check (multiplier >= 1 AND multiplier <= 10));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_tier_program_id" ON "loyalty_tier" ("program_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_tier_deleted_at" ON "loyalty_tier" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_loyalty_tier_program_threshold" ON "loyalty_tier" ("program_id", "threshold") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "loyalty_tier_change" ("id" text not null, "account_id" text not null, "from_tier_id" text null, "to_tier_id" text null, "direction" text check ("direction" in ('up', 'down')) not null, "qualifying_value" integer not null, "reason" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_tier_change_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_tier_change_deleted_at" ON "loyalty_tier_change" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_tier_change_account" ON "loyalty_tier_change" ("account_id", "created_at") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "loyalty_tier" add constraint "loyalty_tier_program_id_foreign" foreign key ("program_id") references "loyalty_program" ("id") on update cascade;`);

    this.addSql(`alter table if exists "loyalty_ledger_entry" drop constraint if exists "loyalty_ledger_entry_type_check";`);
    this.addSql(`alter table if exists "loyalty_ledger_entry" drop constraint if exists "loyalty_ledger_entry_source_type_check";`);

    this.addSql(`alter table if exists "loyalty_program" add column if not exists "validity_end_of_month" boolean not null default false, add column if not exists "activity_extends_validity" boolean not null default false, add column if not exists "pending_days" integer null, add column if not exists "tier_basis" text check ("tier_basis" in ('points_earned', 'money_spent')) not null default 'points_earned', add column if not exists "tier_period" text check ("tier_period" in ('rolling_12_months', 'calendar_year')) not null default 'rolling_12_months', add column if not exists "tier_grace_days" integer not null default 30, add column if not exists "tier_currency_code" text null, add column if not exists "time_zone" text not null default 'UTC', add column if not exists "birthday_bonus_points" integer not null default 0, add column if not exists "referral_referrer_points" integer not null default 0, add column if not exists "referral_referee_points" integer not null default 0, add column if not exists "referral_weekly_limit" integer not null default 5;`);
    this.addSql(`alter table if exists "loyalty_program" add constraint loyalty_program_pending_days_range check(pending_days IS NULL OR (pending_days >= 1 AND pending_days <= 365));`);
    this.addSql(`alter table if exists "loyalty_program" add constraint loyalty_program_tier_grace_days_range check(tier_grace_days >= 0 AND tier_grace_days <= 365);`);
    this.addSql(`alter table if exists "loyalty_program" add constraint loyalty_program_bonuses_non_negative check(birthday_bonus_points >= 0 AND referral_referrer_points >= 0 AND referral_referee_points >= 0 AND referral_weekly_limit >= 0);`);

    this.addSql(`alter table if exists "loyalty_account" add column if not exists "points_pending" integer not null default 0, add column if not exists "tier_id" text null, add column if not exists "tier_reached_at" timestamptz null, add column if not exists "tier_below_since" timestamptz null, add column if not exists "birthday_month" integer null, add column if not exists "birthday_day" integer null, add column if not exists "birthday_set_at" timestamptz null, add column if not exists "birthday_changed_at" timestamptz null, add column if not exists "referral_code" text null;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_loyalty_account_referral_code" ON "loyalty_account" ("referral_code") WHERE referral_code IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_account_tier" ON "loyalty_account" ("program_id", "tier_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_account_birthday" ON "loyalty_account" ("birthday_month", "birthday_day") WHERE birthday_month IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`alter table if exists "loyalty_account" add constraint loyalty_account_points_pending_non_negative check(points_pending >= 0);`);
    this.addSql(`alter table if exists "loyalty_account" add constraint loyalty_account_birthday_valid check((birthday_month IS NULL AND birthday_day IS NULL) OR (birthday_month BETWEEN 1 AND 12 AND birthday_day BETWEEN 1 AND 31));`);

    this.addSql(`alter table if exists "loyalty_ledger_entry" add column if not exists "pending_change" integer not null default 0;`);
    this.addSql(`alter table if exists "loyalty_ledger_entry" add constraint "loyalty_ledger_entry_type_check" check("type" in ('earn', 'welcome_bonus', 'redeem', 'reserve', 'release', 'reverse', 'adjust', 'expire', 'transfer', 'debt', 'debt_paid', 'birthday_bonus', 'referral_bonus', 'mature'));`);
    this.addSql(`alter table if exists "loyalty_ledger_entry" add constraint "loyalty_ledger_entry_source_type_check" check("source_type" in ('order', 'return', 'redemption', 'admin', 'terminal', 'job', 'enrollment', 'birthday', 'referral'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "loyalty_referral" cascade;`);

    this.addSql(`drop table if exists "loyalty_tier" cascade;`);

    this.addSql(`drop table if exists "loyalty_tier_change" cascade;`);

    this.addSql(`alter table if exists "loyalty_ledger_entry" drop constraint if exists "loyalty_ledger_entry_type_check";`);
    this.addSql(`alter table if exists "loyalty_ledger_entry" drop constraint if exists "loyalty_ledger_entry_source_type_check";`);

    this.addSql(`alter table if exists "loyalty_program" drop constraint if exists loyalty_program_pending_days_range;`);
    this.addSql(`alter table if exists "loyalty_program" drop constraint if exists loyalty_program_tier_grace_days_range;`);
    this.addSql(`alter table if exists "loyalty_program" drop constraint if exists loyalty_program_bonuses_non_negative;`);
    this.addSql(`alter table if exists "loyalty_program" drop column if exists "validity_end_of_month", drop column if exists "activity_extends_validity", drop column if exists "pending_days", drop column if exists "tier_basis", drop column if exists "tier_period", drop column if exists "tier_grace_days", drop column if exists "tier_currency_code", drop column if exists "time_zone", drop column if exists "birthday_bonus_points", drop column if exists "referral_referrer_points", drop column if exists "referral_referee_points", drop column if exists "referral_weekly_limit";`);

    this.addSql(`drop index if exists "IDX_loyalty_account_referral_code";`);
    this.addSql(`drop index if exists "IDX_loyalty_account_tier";`);
    this.addSql(`drop index if exists "IDX_loyalty_account_birthday";`);
    this.addSql(`alter table if exists "loyalty_account" drop constraint if exists loyalty_account_points_pending_non_negative;`);
    this.addSql(`alter table if exists "loyalty_account" drop constraint if exists loyalty_account_birthday_valid;`);
    this.addSql(`alter table if exists "loyalty_account" drop column if exists "points_pending", drop column if exists "tier_id", drop column if exists "tier_reached_at", drop column if exists "tier_below_since", drop column if exists "birthday_month", drop column if exists "birthday_day", drop column if exists "birthday_set_at", drop column if exists "birthday_changed_at", drop column if exists "referral_code";`);

    this.addSql(`alter table if exists "loyalty_ledger_entry" drop column if exists "pending_change";`);

    this.addSql(`alter table if exists "loyalty_ledger_entry" add constraint "loyalty_ledger_entry_type_check" check("type" in ('earn', 'welcome_bonus', 'redeem', 'reserve', 'release', 'reverse', 'adjust', 'expire', 'transfer', 'debt', 'debt_paid'));`);
    this.addSql(`alter table if exists "loyalty_ledger_entry" add constraint "loyalty_ledger_entry_source_type_check" check("source_type" in ('order', 'return', 'redemption', 'admin', 'terminal', 'job', 'enrollment'));`);
  }

}
