import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/** Orders whose loyalty coordinator run failed, kept for the retry job. */
export class Migration20261202191005 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "loyalty_order_retry" ("id" text not null, "order_id" text not null, "trigger" text not null, "attempts" integer not null default 0, "last_error" text null, "next_attempt_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_order_retry_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_order_retry_deleted_at" ON "loyalty_order_retry" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_loyalty_order_retry_order_id" ON "loyalty_order_retry" ("order_id");`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_order_retry_due" ON "loyalty_order_retry" ("next_attempt_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "loyalty_order_retry" cascade;`);
  }

}
