import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/**
 * Analytics and the go-live board: liability estimates, job runs, readiness records, the test
 * flag on accounts, the go-live stamp on the program, an index for reading the ledger by period.
 * The append-only trigger now lets one thing through: the go-live clean-up deleting the entries
 * of accounts flagged as test, in a transaction that set `rewardflow.test_cleanup` to `on`.
 */
export class Migration20261204181519 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "loyalty_job_run" ("id" text not null, "name" text not null, "last_started_at" timestamptz null, "last_finished_at" timestamptz null, "last_succeeded_at" timestamptz null, "last_failed_at" timestamptz null, "last_error" text null, "runs" integer not null default 0, "failures" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_job_run_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_job_run_deleted_at" ON "loyalty_job_run" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_loyalty_job_run_name" ON "loyalty_job_run" ("name");`);

    this.addSql(`create table if not exists "loyalty_liability_estimate" ("id" text not null, "program_id" text not null, "currency_code" text not null, "point_value" numeric not null, "expected_redemption_rate" numeric not null, "effective_at" timestamptz not null, "actor_user_id" text null, "raw_point_value" jsonb not null, "raw_expected_redemption_rate" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_liability_estimate_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_liability_estimate_deleted_at" ON "loyalty_liability_estimate" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_liability_estimate_program_effective" ON "loyalty_liability_estimate" ("program_id", "effective_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "loyalty_readiness_record" ("id" text not null, "kind" text check ("kind" in ('wallet_device_check', 'journeys', 'test_cleanup', 'go_live')) not null, "passed" boolean not null default true, "actor_user_id" text null, "note" text null, "details" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_readiness_record_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_readiness_record_deleted_at" ON "loyalty_readiness_record" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_readiness_record_kind" ON "loyalty_readiness_record" ("kind", "created_at") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "loyalty_program" add column if not exists "went_live_at" timestamptz null, add column if not exists "went_live_by" text null;`);

    this.addSql(`alter table if exists "loyalty_account" add column if not exists "is_test" boolean not null default false;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_account_is_test" ON "loyalty_account" ("program_id") WHERE is_test = true AND deleted_at IS NULL;`);

    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_ledger_entry_created_at" ON "loyalty_ledger_entry" ("created_at", "type") WHERE deleted_at IS NULL;`);
    this.addSql(`alter table "loyalty_liability_estimate" add constraint "loyalty_liability_estimate_range" check ("point_value" > 0 and "expected_redemption_rate" > 0 and "expected_redemption_rate" <= 1);`);
    this.addSql(`
      create or replace function loyalty_ledger_entry_append_only() returns trigger as $$
      begin
        if tg_op = 'DELETE' and current_setting('rewardflow.test_cleanup', true) = 'on'
           and exists (select 1 from loyalty_account a where a.id = old.account_id and a.is_test) then
          return old;
        end if;
        raise exception 'loyalty_ledger_entry is append-only: % is not allowed (write a correcting entry instead)', tg_op
          using errcode = 'restrict_violation';
      end;
      $$ language plpgsql;`);
  }

  override async down(): Promise<void> {
    this.addSql(`
      create or replace function loyalty_ledger_entry_append_only() returns trigger as $$
      begin
        raise exception 'loyalty_ledger_entry is append-only: % is not allowed (write a correcting entry instead)', tg_op
          using errcode = 'restrict_violation';
      end;
      $$ language plpgsql;`);
    this.addSql(`drop table if exists "loyalty_job_run" cascade;`);

    this.addSql(`drop table if exists "loyalty_liability_estimate" cascade;`);

    this.addSql(`drop table if exists "loyalty_readiness_record" cascade;`);

    this.addSql(`alter table if exists "loyalty_program" drop column if exists "went_live_at", drop column if exists "went_live_by";`);

    this.addSql(`drop index if exists "IDX_loyalty_account_is_test";`);
    this.addSql(`alter table if exists "loyalty_account" drop column if exists "is_test";`);

    this.addSql(`drop index if exists "IDX_loyalty_ledger_entry_created_at";`);
  }

}
